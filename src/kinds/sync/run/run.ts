import type { Engine } from '../../../engine/engine.js';
import { tableColumns, tableRows } from '../../../engine/table-columns.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { columnChanges, type NamedType } from '../../../core/column-changes.js';
import { ExecutionError, SafetyError } from '../../../core/errors.js';
import { readLedger, type LedgerRecord } from '../../../execute/ledger.js';
import { classifyFailure } from '../../../execute/retry.js';
import { pauseBeforeRetry } from '../../../execute/chunk-runner.js';
import { changedObjects, type ChangedObject } from '../../../execute/planned-objects.js';
import { record, type RunContext } from '../../../execute/run-context.js';
import { runPlan, type RunAdapter, type RunEvent, type Unit, type UnitSummary } from '../../../execute/run-plan.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { utcInstant, type Window } from '../../../core/windows.js';
import { tableStep, tablesOf } from '../plan/sync-steps.js';
import { BEGINNING, loadWindow, snapshots, watermarks, type LoadWindow, type SourceBound } from './load-window.js';
import { createKpis, refreshKpis } from './kpi-views.js';
import type { SyncManifest, SyncPlan } from '../plan/plan.js';
import { pgParams, throughPg, withCollection, type PgConnection } from '../../../engine/postgres.js';

export interface SyncRunOptions {
  pg: PgConnection;
  /** Reload every table completely through staging and swap it in. */
  fullRefresh?: boolean;
  /** After loading, remove (facts) or tombstone (dimensions) rows deleted in PostgreSQL. */
  reconcile?: boolean;
  /** Refresh the KPI views after loading (the seeds' metrics update; default true). */
  metrics?: boolean;
  dryRun?: boolean;
  force?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Told each table's window once PostgreSQL's bounds are fixed, before anything loads (window validation). */
  onWindows?: (loads: LoadWindow[]) => void;
  leaseStaleAfterSec?: number;
  /** On a cluster: the shard this run loads (0-based), whose rows of sharded tables PostgreSQL sends. */
  shard?: number;
  /** Create and refresh the KPI views (default true; a cluster's shards leave them to one run after all shards). */
  kpis?: boolean;
}

const UTC_NAMES = new Set([
  'UTC',
  'Etc/UTC',
  'GMT',
  'Etc/GMT',
  'UCT',
  'Etc/UCT',
  'Universal',
  'Zulu',
  'Etc/Universal',
  'Etc/Zulu',
  'GMT0',
  'Etc/GMT0',
  'Greenwich',
]);

/**
 * Where a sync reads PostgreSQL: the connection, and this run's named collection (no password in it: each statement
 * passes the password).
 */
interface PgSource {
  pg: PgConnection;
  collection: string;
  /** On a cluster, the run's shard: every statement reading a sharded table's rows takes it. */
  shard?: number;
}

type SyncTable = SyncManifest['syncTables'][number];

/** A table's load as a unit of the shared runner: its cursor window (lo, hi] and the watermark it records. */
interface TableLoad extends Unit {
  table: SyncTable;
  load: ReturnType<typeof loadWindow>;
}

/** What reads the plan's statements. */
type Reader = Pick<RunContext<SyncPlan>, 'engine' | 'plan'>;

/** A statement of the plan that reads PostgreSQL: its rows, with errors that name no password. */
function pgStep<T>(ctx: Reader, src: PgSource, step: string, params?: Record<string, unknown>): Promise<T[]> {
  return throughPg(src.pg, () =>
    ctx.engine.rows<T>(statementOf(ctx.plan, step), {
      step,
      params: { ...params, ...shardParams(src), ...pgParams(src.collection, src.pg) },
    }),
  );
}

function shardParams(src: PgSource): { shard?: number } {
  return src.shard === undefined ? {} : { shard: src.shard };
}

function pgCommand(ctx: Reader, src: PgSource, step: string, params?: Record<string, unknown>): Promise<void> {
  return throughPg(
    src.pg,
    async () =>
      void (await ctx.engine.command(statementOf(ctx.plan, step), {
        step,
        params: { ...params, ...shardParams(src), ...pgParams(src.collection, src.pg) },
      })),
  );
}

/**
 * Refuses a table whose load window holds values ClickHouse's PostgreSQL reader would clamp silently or could not
 * read (its check_values statement, counted by PostgreSQL): nothing of it is loaded and its watermark stays.
 */
async function refuseUnreadableValues(
  ctx: Reader,
  src: PgSource,
  source: string,
  params: Record<string, unknown>,
): Promise<void> {
  const step = tableStep(source, 'check_values');
  if (ctx.plan.sql[step] === undefined) return;
  const [counts] = await pgStep<Record<string, string>>(ctx, src, step, params);
  // Each column answers its count and what it means: '2 dates before 1900 or after 2299 (or ±infinity)'.
  const found = Object.entries(counts ?? {}).filter(([, answer]) => parseInt(answer, 10) > 0);
  if (found.length === 0) return;
  throw new SafetyError(
    `${source}: rows in this run's window hold values ClickHouse would not read exactly: ${found.map(([column, answer]) => `${column}: ${answer}`).join('; ')}. ` +
      `Each would arrive changed without a word (a date of 1899 as 1970-01-01, a NULL array as an empty one) or stop the load, so nothing of ${source} was loaded and its watermark did not move. ` +
      'Correct the values in PostgreSQL, or sync a view that maps them (e.g. to NULL, or clamped on purpose) and name the view in the spec.',
  );
}

/** The values a table's load statements take: its window, and for a table captured by transactions the snapshot. */
function loadParams(table: SyncTable, load: LoadWindow): Record<string, string> {
  const window = { lo: load.lo, hi: load.hi || load.lo };
  return table.capture === 'transactions' ? { ...window, since: load.since } : window;
}

function windowOf(load: LoadWindow): Window {
  return {
    day: (load.hi || load.lo).slice(0, 10),
    start: load.lo.slice(0, 23),
    end: (load.hi || load.lo).slice(0, 23),
    partition: '',
    label: `table ${load.table} (${load.lo === BEGINNING ? 'from the beginning' : load.lo.slice(0, 19)}, ${load.hi.slice(0, 19) || '—'}]`,
  };
}

/** What a sync reads before it runs: engine, plan and PostgreSQL, and where to report. */
type Before = Pick<RunContext<SyncPlan>, 'engine' | 'plan' | 'emit'>;

/** The upper bound of every table, fixed before anything is loaded, and the source's time zone checked. */
async function sourceBounds(ctx: Before, src: PgSource): Promise<Map<string, SourceBound>> {
  const bounds = new Map<string, SourceBound>();
  let hidden = 0;
  for (const table of ctx.plan.manifest.syncTables) {
    const [row] = await pgStep<{ hi: string; tz: string; open_since: string; hidden: string; snapshot: string }>(
      ctx,
      src,
      tableStep(table, 'source_bound'),
    );
    if (row && !UTC_NAMES.has(row.tz) && table.columns.some((c) => c.pgType === 'timestamp with time zone')) {
      throw new SafetyError(
        `PostgreSQL sends timestamps in its session's TimeZone, here ${row.tz}, and ClickHouse would read them as UTC: every timestamp would shift. Nothing was loaded. ` +
          `Set the zone of the user chplan connects as: ALTER ROLE ${src.pg.user} SET TimeZone = 'UTC' (it changes nothing stored).`,
      );
    }
    bounds.set(table.source, { hi: row?.hi ?? '', openSince: row?.open_since ?? '', snapshot: row?.snapshot ?? '' });
    hidden = Math.max(hidden, Number(row?.hidden ?? 0));
  }
  if (hidden > 0) {
    ctx.emit({
      type: 'warning',
      message:
        `PostgreSQL hides the state of ${hidden} session(s) from ${src.pg.user}, so a transaction open there that commits rows after this run is not seen, and rows it stamps before the watermark minus the lookback would be missed. ` +
        `GRANT pg_read_all_stats TO ${src.pg.user} lets chplan hold the watermark at such a transaction's start.`,
    });
  }
  return bounds;
}
/** The columns a target has when this plan created it: the source's, and a dimension's tombstone flag. */
function planColumns(table: SyncTable): NamedType[] {
  return [
    ...table.columns.map(({ name, type }) => ({ name, type })),
    ...(table.role === 'dimension'
      ? [
          { name: '_deleted', type: 'UInt8' },
          { name: '_version', type: 'UInt64' },
        ]
      : []),
  ];
}

/**
 * One sentence on how an existing target's columns differ from the plan's (missing, extra, of another type); null when
 * they do not. Pure.
 */
function columnDrift(target: TableRef, table: SyncTable, actual: NamedType[]): string | null {
  const problems = columnChanges(planColumns(table), actual).map((c) =>
    c.change === 'removed'
      ? `missing ${c.name} ${c.type}`
      : c.change === 'retyped'
        ? `${c.name} is ${c.to} there and ${c.type} in the plan`
        : `${c.name} is not in the plan`,
  );
  return problems.length > 0
    ? `${formatTableRef(target)} does not have this plan's columns (${problems.join('; ')})`
    : null;
}

/**
 * Each table's load: its window from the ledger's watermark to PostgreSQL's bound, with what a person should know
 * first.
 */
async function tableLoads(ctx: Before, src: PgSource, fullRefresh: boolean): Promise<TableLoad[]> {
  const { engine, plan } = ctx;
  const m = plan.manifest;
  const bounds = await sourceBounds(ctx, src);
  const ledger = await readLedger(engine, m.ledger.table, m.ledger.scope);
  const marks = watermarks(ledger);
  const taken = snapshots(ledger);
  const units: TableLoad[] = [];
  const drifts: string[] = [];
  for (const table of m.syncTables) {
    const { target } = tablesOf(m.database, table);
    const columns = await tableColumns(engine, target);
    const drift = columns && columnDrift(target, table, columns);
    if (drift) drifts.push(drift);
    // An empty (or missing) target is loaded from the beginning, whatever the ledger says.
    const fromScratch = fullRefresh || columns === null || (await tableRows(engine, target)) === 0;
    const load = loadWindow(table.source, bounds.get(table.source)!, marks.get(table.source), {
      lookbackSeconds: m.lookbackSeconds,
      fromScratch,
      previousSnapshot: taken.get(table.source),
    });
    units.push({ key: table.source, label: `table ${table.source}`, table, load });
  }
  for (const { load } of units.filter(
    (u) =>
      u.load.mark &&
      u.load.mark < u.load.hi &&
      utcInstant(u.load.hi) - utcInstant(u.load.mark) > m.lookbackSeconds * 1000,
  )) {
    ctx.emit({
      type: 'warning',
      message:
        `${load.table}: a transaction open in PostgreSQL since ${load.mark.slice(0, 19)} UTC has not committed; rows it commits later are stamped from then on, so the watermark stays there ` +
        `(not at ${load.hi.slice(0, 19)}) and the next run reads from it again. Nothing is lost; a transaction left open for long makes every run re-read more.`,
    });
  }
  for (const { load } of units.filter((u) => u.load.behind)) {
    ctx.emit({
      type: 'warning',
      message:
        `${load.table}: PostgreSQL's greatest ${load.table} cursor is ${bounds.get(load.table)!.hi} UTC, below the watermark ${load.watermark} UTC. Its newest rows were deleted, or its cursor went backwards ` +
        '(then rows behind the watermark are never loaded, and validation lists them as keys only in PostgreSQL; chplan sync --full-refresh reloads them). Loading from the watermark.',
    });
  }
  for (const drift of drifts) {
    const what = `${drift}. The spec or PostgreSQL changed since the table was created`;
    if (!fullRefresh)
      throw new SafetyError(
        `${what}; nothing was loaded. Run again with --full-refresh: it reloads the table from PostgreSQL into staging built from this plan and swaps it in atomically (readers keep the old table until then).`,
      );
    ctx.emit({ type: 'warning', message: `${what}; the full refresh rebuilds it with this plan's columns.` });
  }
  return units;
}

/**
 * Syncs every table of the plan through the shared runner: each table, in the spec's order, is a
 * unit that loads (lo, hi] into staging and publishes it (dimension: new versions; fact: rows the
 * target lacks, exactly once; full refresh: an atomic swap), recording its watermark in the
 * ledger; then the KPI views are refreshed. Every step is safe to repeat, so a run killed anywhere
 * is resumed by running again.
 */
export async function runSync(engine: Engine, plan: SyncPlan, options: SyncRunOptions): Promise<UnitSummary[]> {
  const m: SyncManifest = plan.manifest;
  const emit = options.onEvent ?? (() => {});
  return withCollection(engine, m.collection, options.pg, m.pgSchema, async (collection) => {
    const src: PgSource = { pg: options.pg, collection, shard: options.shard };
    const units = await tableLoads({ engine, plan, emit }, src, Boolean(options.fullRefresh));
    options.onWindows?.(units.map((u) => u.load));
    const kpis = options.kpis ?? true;
    const changed = kpis ? await changedObjects(engine, m.objects ?? []) : [];
    for (const kpi of changed) {
      emit({
        type: 'warning',
        message: `KPI ${kpi.database}.${kpi.name} in ClickHouse was created from another definition (its comment: ${JSON.stringify(kpi.found)}; this plan's: ${JSON.stringify(kpi.definition)}). ${options.dryRun ? 'A run replaces it' : 'It is replaced'}: this plan's definition is built beside it, refreshed, and swapped in atomically; until then readers see the previous one.`,
      });
    }
    // The ledger lives in the sync's database.
    if (!options.dryRun) await engine.command(statementOf(plan, 'create_database'), { step: 'create_database' });
    return runPlan(engine, plan, syncRunAdapter(src, { ...options, kpis }, changed), {
      units,
      dryRun: options.dryRun,
      force: options.force,
      signal: options.signal,
      onEvent: emit,
      leaseStaleAfterSec: options.leaseStaleAfterSec,
    });
  });
}

/** How the shared runner runs a sync: a unit per table, then reconcile and the KPI views under the same lease. */
function syncRunAdapter(
  src: PgSource,
  options: SyncRunOptions,
  changed: ChangedObject[],
): RunAdapter<SyncPlan, TableLoad> {
  return {
    async check() {},
    async setup(ctx) {
      for (const table of ctx.plan.manifest.syncTables) {
        for (const type of ['create_target', 'create_distributed'] as const) {
          const step = tableStep(table, type);
          if (ctx.plan.sql[step] !== undefined) await ctx.engine.command(statementOf(ctx.plan, step), { step });
        }
      }
      if (options.kpis) await createKpis(ctx.engine, ctx.plan, changed);
    },
    async estimate(ctx, { table, load }) {
      const estimatedRows = load.hi
        ? Number(
            (
              await pgStep<{ rows: string }>(ctx, src, tableStep(load.table, 'count_window'), loadParams(table, load))
            )[0]?.rows ?? 0,
          )
        : 0;
      ctx.emit({ type: 'dry_run_chunk', window: windowOf(load), estimatedRows });
      return estimatedRows;
    },
    runUnit: (ctx, unit) => loadTable(ctx, src, unit, Boolean(options.fullRefresh)),
    async finish(ctx) {
      const { engine, plan } = ctx;
      const reconciled: UnitSummary[] = [];
      if (options.reconcile) {
        for (const table of plan.manifest.syncTables)
          reconciled.push(await reconcileTable(ctx, src, table, options.force ?? false));
      }
      if (options.kpis) await refreshKpis(engine, plan, changed, options.metrics ?? true);
      return reconciled;
    },
    // Every run loads each table from its watermark: there is nothing to skip.
    resumable: false,
  };
}

async function loadTable(
  ctx: RunContext<SyncPlan>,
  src: PgSource,
  unit: TableLoad,
  fullRefresh: boolean,
): Promise<UnitSummary> {
  const { engine, plan } = ctx;
  const { table, load } = unit;
  const { target, staging } = tablesOf(plan.manifest.database, table);
  const started = Date.now();
  const window = windowOf(load);
  const write = (
    fields: Pick<LedgerRecord, 'step' | 'status' | 'rowsRead' | 'rowsWritten' | 'error' | 'startedAt' | 'cursor'> &
      Partial<Pick<LedgerRecord, 'attempt' | 'sourceVersion'>>,
  ) => record(ctx, { unit: unit.key, window, attempt: 1, queryId: '', finishedAt: new Date(), ...fields });
  if (!load.hi && !fullRefresh) {
    ctx.emit({
      type: 'unit_empty',
      unit: unit.label,
      reason: 'PostgreSQL holds no rows of it yet; nothing was changed',
    });
    return { unit: unit.label, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: 0 };
  }
  const params = loadParams(table, load);
  if (load.hi) await refuseUnreadableValues(ctx, src, table.source, params);
  const loadStarted = new Date();
  // A lost connection or a transient error (too many parts, a timeout) is tried again on fresh
  // staging, as a staged chunk is; anything else fails the table with its watermark unmoved.
  let attempt = 1;
  for (; ; attempt++) {
    const attemptStarted = new Date();
    try {
      for (const type of ['drop_staging', 'create_staging'] as const)
        await engine.command(statementOf(plan, tableStep(table, type)), { step: tableStep(table, type) });
      if (load.hi) await pgCommand(ctx, src, tableStep(table, 'load'), params);
      break;
    } catch (error) {
      const message = String((error as Error).message);
      await write({
        step: 'chunk',
        status: 'failed',
        attempt,
        rowsRead: 0,
        rowsWritten: 0,
        error: message,
        startedAt: attemptStarted,
      });
      const kind = classifyFailure(error);
      if (ctx.signal?.aborted || kind === 'fatal' || kind === 'memory' || attempt >= ctx.maxAttempts) throw error;
      await pauseBeforeRetry(ctx, window, attempt, message);
    }
  }
  const staged = await tableRows(engine, staging);
  await write({
    step: 'chunk',
    status: 'done',
    attempt,
    rowsRead: staged,
    rowsWritten: staged,
    startedAt: loadStarted,
  });
  const before = await tableRows(engine, target);
  // A full refresh, or a first load into an empty target, swaps staging in: the same atomic publish, without copying
  // every row a second time.
  const swap = fullRefresh || before === 0;
  const publishStarted = new Date();
  try {
    if (swap && plan.manifest.cluster) await replacePartitions(ctx, table, fullRefresh);
    else if (swap) {
      await engine.command(statementOf(plan, tableStep(table, 'swap')), { step: tableStep(table, 'swap') });
      await engine.command(statementOf(plan, tableStep(table, 'clear_staging')), {
        step: tableStep(table, 'clear_staging'),
      });
    } else if (staged > 0) {
      // Nothing staged, nothing to publish (and no reason to read the target's keys).
      if (table.role === 'fact') await replaceMoved(ctx, table);
      await engine.command(statementOf(plan, tableStep(table, 'merge')), { step: tableStep(table, 'merge') });
    }
  } catch (cause) {
    throw new ExecutionError(
      `Publishing ${load.table} into ${formatTableRef(target)} failed: ${(cause as Error).message}. The watermark did not move: run again to load this window again (it is safe to repeat).`,
      { step: tableStep(table, swap ? 'swap' : 'merge') },
      { cause },
    );
  }
  const after = await tableRows(engine, target);
  const written = swap || table.role === 'dimension' ? staged : after - before;
  // The publish records the watermark the next run starts from (mark: hi, or the start of a transaction still open).
  await write({
    step: 'publish',
    status: 'done',
    rowsRead: staged,
    rowsWritten: written,
    startedAt: publishStarted,
    cursor: load.mark,
    sourceVersion: load.snapshot,
  });
  const seconds = (Date.now() - started) / 1000;
  ctx.emit({ type: 'chunk_done', window, rowsRead: staged, rowsWritten: written, seconds });
  ctx.emit({ type: 'unit_published', unit: unit.label, rows: written });
  return { unit: unit.label, status: 'published', rowsRead: staged, rowsWritten: written, seconds };
}

/**
 * On a cluster, staging is published into the replicated target partition by partition (REPLACE PARTITION is atomic
 * for each, and replicates); a full refresh also drops the target's partitions staging does not have.
 */
async function replacePartitions(ctx: RunContext<SyncPlan>, table: SyncTable, fullRefresh: boolean): Promise<void> {
  const { target, staging } = tablesOf(ctx.plan.manifest.database, table);
  const partitions = async (t: TableRef) =>
    (
      await ctx.engine.rows<{ id: string }>(
        'SELECT DISTINCT partition_id AS id FROM system.parts WHERE database = {db:String} AND table = {table:String} AND active ORDER BY id',
        { params: { db: t.database, table: t.name }, step: `partitions of ${formatTableRef(t)}` },
      )
    ).map((r) => r.id);
  const staged = await partitions(staging);
  const gone = fullRefresh ? (await partitions(target)).filter((p) => !staged.includes(p)) : [];
  for (const [type, ids] of [
    ['replace_partition', staged],
    ['drop_partition', gone],
  ] as const) {
    const step = tableStep(table, type);
    for (const id of ids)
      await ctx.engine.command(statementOf(ctx.plan, step), { step: `${step} ${id}`, params: { partition_id: id } });
  }
  await ctx.engine.command(statementOf(ctx.plan, tableStep(table, 'clear_staging')), {
    step: tableStep(table, 'clear_staging'),
  });
}

/**
 * A fact whose cursor moved (an upsert or UPDATE re-stamped it) is staged again under its key:
 * its earlier row is deleted so that the merge inserts the staged one, and the key is never twice
 * in the target. Counted first: the DELETE (a mutation) runs only when some moved.
 */
async function replaceMoved(ctx: RunContext<SyncPlan>, table: SyncTable): Promise<void> {
  const [row] = await ctx.engine.rows<{ moved: string }>(statementOf(ctx.plan, tableStep(table, 'count_moved')), {
    step: tableStep(table, 'count_moved'),
  });
  const moved = Number(row?.moved ?? 0);
  if (moved === 0) return;
  await ctx.engine.command(statementOf(ctx.plan, tableStep(table, 'delete_moved')), {
    step: tableStep(table, 'delete_moved'),
  });
  ctx.emit({
    type: 'warning',
    message: `${table.source}: ${moved} fact${moved === 1 ? '' : 's'} whose ${table.cursor} moved since ${moved === 1 ? 'it was' : 'they were'} loaded (an upsert or UPDATE re-stamped ${moved === 1 ? 'it' : 'them'}) replace${moved === 1 ? 's its' : ' their'} earlier row${moved === 1 ? '' : 's'}.`,
  });
}

/** More than this share of a table found deleted is more likely a wrong source than real deletes. */
const RECONCILE_LIMIT = 0.1;

/**
 * Finds keys the target holds that PostgreSQL no longer has and applies the plan's reconcile
 * statement: a tombstone for a dimension row, a lightweight DELETE for a fact row. Refuses to
 * touch more than a tenth of a table (an emptied or wrong source table looks like that) unless forced.
 */
async function reconcileTable(
  ctx: RunContext<SyncPlan>,
  src: PgSource,
  table: SyncTable,
  force: boolean,
): Promise<UnitSummary> {
  const started = Date.now();
  const { target } = tablesOf(ctx.plan.manifest.database, table);
  const [found] = await pgStep<{ keys: string; sample: string[] }>(ctx, src, tableStep(table, 'missing_in_source'));
  const deleted = Number(found?.keys ?? 0);
  const label = `table ${table.source} (reconcile)`;
  if (deleted === 0)
    return { unit: label, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: (Date.now() - started) / 1000 };
  const total = await tableRows(ctx.engine, target);
  if (!force && deleted > Math.max(100, RECONCILE_LIMIT * total)) {
    throw new SafetyError(
      `Reconcile would ${table.role === 'fact' ? 'delete' : 'mark deleted'} ${deleted} of ${total} rows of ${formatTableRef(target)} (e.g. keys ${(found?.sample ?? []).slice(0, 5).join(' ')}), more than a tenth: ` +
        'a PostgreSQL table that was emptied, or a connection to the wrong database, looks exactly like that. Nothing was removed. Check the source; if these deletes are real, run again with --force.',
    );
  }
  await pgCommand(ctx, src, tableStep(table, 'reconcile'));
  ctx.emit({ type: 'unit_published', unit: label, rows: deleted });
  return {
    unit: label,
    status: 'published',
    rowsRead: deleted,
    rowsWritten: deleted,
    seconds: (Date.now() - started) / 1000,
  };
}
