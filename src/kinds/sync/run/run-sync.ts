import type { Engine } from '../../../engine/engine.js';
import { tableColumns, tableRows } from '../../../engine/table-columns.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { columnChanges, type NamedType } from '../../../core/column-changes.js';
import { AbortedError, ExecutionError, SafetyError } from '../../../core/errors.js';
import { appendLedger, readLedger, type LedgerRecord } from '../../../execute/ledger.js';
import { newRunnerId } from '../../../execute/lease.js';
import { changedObjects } from '../../../execute/planned-objects.js';
import { ledgerOf } from '../../../execute/run-context.js';
import { withPlanLease, type DaySummary, type RunEvent } from '../../../execute/run-plan.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { utcInstant, type Window } from '../../../core/windows.js';
import { tableStep, tablesOf } from '../plan/compile.js';
import { BEGINNING, loadWindow, watermarks, type LoadWindow, type SourceBound } from './load-window.js';
import { kpiStatement } from './kpi-views.js';
import type { SyncManifest, SyncPlan } from '../plan/sync-plan.js';
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
  leaseStaleAfterSec?: number;
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'UCT', 'Etc/UCT', 'Universal', 'Zulu', 'Etc/Universal', 'Etc/Zulu', 'GMT0', 'Etc/GMT0', 'Greenwich']);

interface Context {
  engine: Engine;
  plan: SyncPlan;
  pg: PgConnection;
  /** This run's named collection (no password in it: each statement passes the password). */
  collection: string;
  runner: string;
  emit: (event: RunEvent) => void;
}

/** A statement of the plan that reads PostgreSQL: its rows, with errors that name no password. */
function pgStep<T>(ctx: Context, step: string, params?: Record<string, unknown>): Promise<T[]> {
  return throughPg(ctx.pg, () => ctx.engine.rows<T>(statementOf(ctx.plan, step), { step, params: { ...params, ...pgParams(ctx.collection, ctx.pg) } }));
}

function pgCommand(ctx: Context, step: string, params?: Record<string, unknown>): Promise<void> {
  return throughPg(ctx.pg, async () => void (await ctx.engine.command(statementOf(ctx.plan, step), { step, params: { ...params, ...pgParams(ctx.collection, ctx.pg) } })));
}

function windowOf(load: LoadWindow): Window {
  return { day: (load.hi || load.lo).slice(0, 10), start: load.lo.slice(0, 23), end: (load.hi || load.lo).slice(0, 23), partition: '', label: `table ${load.table} (${load.lo === BEGINNING ? 'from the beginning' : load.lo.slice(0, 19)}, ${load.hi.slice(0, 19) || '—'}]` };
}

/** The upper bound of every table, fixed before anything is loaded, and the source's time zone checked. */
async function sourceBounds(ctx: Context): Promise<Map<string, SourceBound>> {
  const bounds = new Map<string, SourceBound>();
  let hidden = 0;
  for (const table of ctx.plan.manifest.syncTables) {
    const [row] = await pgStep<{ hi: string; tz: string; open_since: string; hidden: string }>(ctx, tableStep(table, 'source_bound'));
    if (row && !UTC_NAMES.has(row.tz) && table.columns.some((c) => c.pgType === 'timestamp with time zone')) {
      throw new SafetyError(
        `PostgreSQL sends timestamps in its session's TimeZone, here ${row.tz}, and ClickHouse would read them as UTC: every timestamp would shift. Nothing was loaded. ` +
          `Set the zone of the user chplan connects as: ALTER ROLE ${ctx.pg.user} SET TimeZone = 'UTC' (it changes nothing stored).`,
      );
    }
    bounds.set(table.source, { hi: row?.hi ?? '', openSince: row?.open_since ?? '' });
    hidden = Math.max(hidden, Number(row?.hidden ?? 0));
  }
  if (hidden > 0) {
    ctx.emit({
      type: 'warning',
      message: `PostgreSQL hides the state of ${hidden} session(s) from ${ctx.pg.user}, so a transaction open there that commits rows after this run is not seen, and rows it stamps before the watermark minus the lookback would be missed. ` +
        `GRANT pg_read_all_stats TO ${ctx.pg.user} lets chplan hold the watermark at such a transaction's start.`,
    });
  }
  return bounds;
}

/**
 * Syncs every table of the plan: for each, in the spec's order, loads (lo, hi] into staging
 * and publishes it (dimension: new versions; fact: rows the target lacks, exactly once; full
 * refresh: an atomic swap), recording the window in the ledger; then refreshes the KPI views.
 * Every step is safe to repeat, so a run killed anywhere is resumed by running again.
 */
export async function runSync(engine: Engine, plan: SyncPlan, options: SyncRunOptions): Promise<DaySummary[]> {
  const m: SyncManifest = plan.manifest;
  return withCollection(engine, m.collection, options.pg, m.pgSchema, (collection) =>
    syncWith({ engine, plan, pg: options.pg, collection, runner: newRunnerId(), emit: options.onEvent ?? (() => {}) }, options));
}

async function syncWith(ctx: Context, options: SyncRunOptions): Promise<DaySummary[]> {
  const { engine, plan } = ctx;
  const m = plan.manifest;
  const syncName = formatTableRef(m.tables.target);
  const bounds = await sourceBounds(ctx);
  const marks = watermarks(await readLedger(engine, m.tables.ledger, syncName));
  const loads: ReturnType<typeof loadWindow>[] = [];
  const drifts: string[] = [];
  for (const table of m.syncTables) {
    const { target } = tablesOf(m.database, table);
    const columns = await tableColumns(engine, target);
    const drift = columns && columnDrift(target, table, columns);
    if (drift) drifts.push(drift);
    // An empty (or missing) target is loaded from the beginning, whatever the ledger says.
    const fromScratch = Boolean(options.fullRefresh) || columns === null || (await tableRows(engine, target)) === 0;
    loads.push(loadWindow(table.source, bounds.get(table.source)!, marks.get(table.source), { lookbackSeconds: m.lookbackSeconds, fromScratch }));
  }
  for (const load of loads.filter((l) => l.mark && l.mark < l.hi && utcInstant(l.hi) - utcInstant(l.mark) > m.lookbackSeconds * 1000)) {
    ctx.emit({
      type: 'warning',
      message: `${load.table}: a transaction open in PostgreSQL since ${load.mark.slice(0, 19)} UTC has not committed; rows it commits later are stamped from then on, so the watermark stays there ` +
        `(not at ${load.hi.slice(0, 19)}) and the next run reads from it again. Nothing is lost; a transaction left open for long makes every run re-read more.`,
    });
  }
  for (const load of loads.filter((l) => l.behind)) {
    ctx.emit({
      type: 'warning',
      message: `${load.table}: PostgreSQL's greatest ${load.table} cursor is ${bounds.get(load.table)!.hi} UTC, below the watermark ${load.watermark} UTC. Its newest rows were deleted, or its cursor went backwards ` +
        '(then rows behind the watermark are never loaded, and validation lists them as keys only in PostgreSQL; chplan sync --full-refresh reloads them). Loading from the watermark.',
    });
  }
  for (const drift of drifts) {
    const what = `${drift}. The spec or PostgreSQL changed since the table was created`;
    if (!options.fullRefresh) throw new SafetyError(`${what}; nothing was loaded. Run again with --full-refresh: it reloads the table from PostgreSQL into staging built from this plan and swaps it in atomically (readers keep the old table until then).`);
    ctx.emit({ type: 'warning', message: `${what}; the full refresh rebuilds it with this plan's columns.` });
  }
  const changed = await changedObjects(engine, m.objects ?? []);
  for (const kpi of changed) {
    ctx.emit({ type: 'warning', message: `KPI ${kpi.database}.${kpi.name} in ClickHouse was created from another definition (its comment: ${JSON.stringify(kpi.found)}; this plan's: ${JSON.stringify(kpi.definition)}). ${options.dryRun ? 'A run replaces it' : 'It is replaced'}: this plan's definition is built beside it, refreshed, and swapped in atomically; until then readers see the previous one.` });
  }
  ctx.emit({ type: 'plan', days: loads.map((l) => l.table), chunks: loads.length });
  if (options.dryRun) return await dryRun(ctx, loads);

  await engine.command(statementOf(plan, 'create_database'), { step: 'create_database' });
  return await withPlanLease(engine, plan, { runner: ctx.runner, force: options.force, staleAfterSec: options.leaseStaleAfterSec, emit: ctx.emit }, async (lease) => {
    for (const table of m.syncTables) {
      await engine.command(statementOf(plan, tableStep(table, 'create_target')), { step: tableStep(table, 'create_target') });
    }
    for (const kpi of changed) await kpiStatement(engine, plan, kpi.name, 'create_next', true);
    for (const kpi of m.kpis) await kpiStatement(engine, plan, kpi.name, 'create');
    const summaries: DaySummary[] = [];
    for (const [i, load] of loads.entries()) {
      if (options.signal?.aborted) throw new AbortedError(`Interrupted before loading ${load.table}; tables loaded so far are complete and recorded. Run again to continue.`);
      await lease.heartbeat();
      try {
        summaries.push(await loadTable(ctx, load, Boolean(options.fullRefresh)));
      } catch (error) {
        throw withProgress(error, summaries.filter((t) => t.status === 'published').map((t) => t.day), loads.slice(i).map((l) => l.table));
      }
    }
    if (options.reconcile) {
      for (const table of m.syncTables) summaries.push(await reconcileTable(ctx, table, options.force ?? false));
    }
    const replaced = new Set(changed.map((kpi) => kpi.name));
    for (const kpi of options.metrics ?? true ? m.kpis.filter((k) => !replaced.has(k.name)) : []) {
      await kpiStatement(engine, plan, kpi.name, 'refresh');
      await kpiStatement(engine, plan, kpi.name, 'wait');
    }
    // A changed KPI goes live only once its new definition has refreshed (even without metrics).
    for (const kpi of changed) {
      await kpiStatement(engine, plan, kpi.name, 'refresh_next', true);
      await kpiStatement(engine, plan, kpi.name, 'wait_next', true);
      await kpiStatement(engine, plan, kpi.name, 'swap');
      await kpiStatement(engine, plan, kpi.name, 'drop_next');
    }
    return summaries;
  });
}

/**
 * A failure mid-sync, saying which tables this run published before it (complete, and recorded:
 * their watermarks moved) and which it did not; "nothing was loaded" is true only before the first.
 */
function withProgress(error: unknown, published: string[], notLoaded: string[]): unknown {
  if (!(error instanceof Error) || published.length === 0) return error;
  const progress = `This run published ${published.join(', ')} before it stopped (complete, and recorded); ${notLoaded.join(', ')} ${notLoaded.length === 1 ? 'was' : 'were'} not loaded: run again to continue.`;
  const said = /Nothing was loaded(?: and nothing was changed)?\./;
  error.message = said.test(error.message) ? error.message.replace(said, progress) : `${error.message} ${progress}`;
  return error;
}

/** The columns a target has when this plan created it: the source's, and a dimension's tombstone flag. */
function planColumns(table: SyncManifest['syncTables'][number]): NamedType[] {
  return [...table.columns.map(({ name, type }) => ({ name, type })), ...(table.role === 'dimension' ? [{ name: '_deleted', type: 'UInt8' }] : [])];
}

/** One sentence on how an existing target's columns differ from the plan's (missing, extra, of another type); null when they do not. Pure. */
function columnDrift(target: TableRef, table: SyncManifest['syncTables'][number], actual: NamedType[]): string | null {
  const problems = columnChanges(planColumns(table), actual).map((c) =>
    c.change === 'removed' ? `missing ${c.name} ${c.type}` : c.change === 'retyped' ? `${c.name} is ${c.to} there and ${c.type} in the plan` : `${c.name} is not in the plan`,
  );
  return problems.length > 0 ? `${formatTableRef(target)} does not have this plan's columns (${problems.join('; ')})` : null;
}

async function dryRun(ctx: Context, loads: LoadWindow[]): Promise<DaySummary[]> {
  const summaries: DaySummary[] = [];
  for (const load of loads) {
    const estimatedRows = load.hi ? Number((await pgStep<{ rows: string }>(ctx, tableStep(load.table, 'count_window'), { lo: load.lo, hi: load.hi }))[0]?.rows ?? 0) : 0;
    ctx.emit({ type: 'dry_run_chunk', window: windowOf(load), estimatedRows });
    summaries.push({ day: load.table, status: 'planned', rowsRead: estimatedRows, rowsWritten: 0, seconds: 0 });
  }
  return summaries;
}

async function loadTable(ctx: Context, load: LoadWindow, fullRefresh: boolean): Promise<DaySummary> {
  const { engine, plan } = ctx;
  const m = plan.manifest;
  const table = m.syncTables.find((t) => t.source === load.table)!;
  const { target, staging } = tablesOf(m.database, table);
  const started = Date.now();
  const window = windowOf(load);
  // A publish records the watermark the next run starts from (mark: hi, or the start of a transaction still open).
  const record = (fields: Pick<LedgerRecord, 'step' | 'status' | 'rowsRead' | 'rowsWritten' | 'error' | 'startedAt'>) =>
    appendLedger(engine, ledgerOf(plan), {
      planHash: m.planHash, target: formatTableRef(m.tables.target), runner: ctx.runner, chunkKey: load.table, attempt: 1, queryId: '', finishedAt: new Date(), ...fields,
      window: fields.step === 'publish' && load.mark ? { ...window, end: load.mark.slice(0, 23) } : window,
    });
  if (!load.hi && !fullRefresh) {
    ctx.emit({ type: 'day_empty', day: load.table });
    return { day: load.table, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: 0 };
  }
  const params = { lo: load.lo, hi: load.hi || load.lo };
  const loadStarted = new Date();
  for (const type of ['drop_staging', 'create_staging']) await engine.command(statementOf(plan, tableStep(table, type)), { step: tableStep(table, type) });
  try {
    if (load.hi) await pgCommand(ctx, tableStep(table, 'load'), params);
  } catch (error) {
    await record({ step: 'chunk', status: 'failed', rowsRead: 0, rowsWritten: 0, error: String((error as Error).message), startedAt: loadStarted });
    throw error;
  }
  const staged = await tableRows(engine, staging);
  await record({ step: 'chunk', status: 'done', rowsRead: staged, rowsWritten: staged, error: '', startedAt: loadStarted });
  const before = await tableRows(engine, target);
  const publishStarted = new Date();
  try {
    if (fullRefresh) {
      await engine.command(statementOf(plan, tableStep(table, 'swap')), { step: tableStep(table, 'swap') });
      await engine.command(statementOf(plan, tableStep(table, 'clear_staging')), { step: tableStep(table, 'clear_staging') });
    } else {
      if (table.role === 'fact') await replaceMoved(ctx, table);
      await engine.command(statementOf(plan, tableStep(table, 'merge')), { step: tableStep(table, 'merge'), params: { lo: load.lo } });
    }
  } catch (cause) {
    throw new ExecutionError(`Publishing ${load.table} into ${formatTableRef(target)} failed: ${(cause as Error).message}. The watermark did not move: run again to load this window again (it is safe to repeat).`, { step: tableStep(table, fullRefresh ? 'swap' : 'merge') }, { cause });
  }
  const after = await tableRows(engine, target);
  const written = fullRefresh || table.role === 'dimension' ? staged : after - before;
  await record({ step: 'publish', status: 'done', rowsRead: staged, rowsWritten: written, error: '', startedAt: publishStarted });
  const seconds = (Date.now() - started) / 1000;
  ctx.emit({ type: 'chunk_done', window, rowsRead: staged, rowsWritten: written, seconds });
  ctx.emit({ type: 'day_published', day: load.table, rows: written });
  return { day: load.table, status: 'published', rowsRead: staged, rowsWritten: written, seconds };
}

/**
 * A fact whose cursor moved (an upsert or UPDATE re-stamped it) is staged again under its key:
 * its earlier row is deleted so that the merge inserts the staged one, and the key is never twice
 * in the target. Counted first: the DELETE (a mutation) runs only when some moved.
 */
async function replaceMoved(ctx: Context, table: SyncManifest['syncTables'][number]): Promise<void> {
  const [row] = await ctx.engine.rows<{ moved: string }>(statementOf(ctx.plan, tableStep(table, 'count_moved')), { step: tableStep(table, 'count_moved') });
  const moved = Number(row?.moved ?? 0);
  if (moved === 0) return;
  await ctx.engine.command(statementOf(ctx.plan, tableStep(table, 'delete_moved')), { step: tableStep(table, 'delete_moved') });
  ctx.emit({ type: 'warning', message: `${table.source}: ${moved} fact${moved === 1 ? '' : 's'} whose ${table.cursor} moved since ${moved === 1 ? 'it was' : 'they were'} loaded (an upsert or UPDATE re-stamped ${moved === 1 ? 'it' : 'them'}) replace${moved === 1 ? 's its' : ' their'} earlier row${moved === 1 ? '' : 's'}.` });
}

/** More than this share of a table found deleted is more likely a wrong source than real deletes. */
const RECONCILE_LIMIT = 0.1;

/**
 * Finds keys the target holds that PostgreSQL no longer has and applies the plan's reconcile
 * statement: a tombstone for a dimension row, a lightweight DELETE for a fact row. Refuses to
 * touch more than a tenth of a table (an emptied or wrong source table looks like that) unless forced.
 */
async function reconcileTable(ctx: Context, table: SyncManifest['syncTables'][number], force: boolean): Promise<DaySummary> {
  const started = Date.now();
  const { target } = tablesOf(ctx.plan.manifest.database, table);
  const [found] = await pgStep<{ keys: string; sample: string[] }>(ctx, tableStep(table, 'missing_in_source'));
  const deleted = Number(found?.keys ?? 0);
  const label = `${table.source} (reconcile)`;
  if (deleted === 0) return { day: label, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: (Date.now() - started) / 1000 };
  const total = await tableRows(ctx.engine, target);
  if (!force && deleted > Math.max(100, RECONCILE_LIMIT * total)) {
    throw new SafetyError(
      `Reconcile would ${table.role === 'fact' ? 'delete' : 'mark deleted'} ${deleted} of ${total} rows of ${formatTableRef(target)} (e.g. keys ${(found?.sample ?? []).slice(0, 5).join(' ')}), more than a tenth: ` +
        'a PostgreSQL table that was emptied, or a connection to the wrong database, looks exactly like that. Nothing was removed. Check the source; if these deletes are real, run again with --force.',
    );
  }
  await pgCommand(ctx, tableStep(table, 'reconcile'));
  ctx.emit({ type: 'day_published', day: label, rows: deleted });
  return { day: label, status: 'published', rowsRead: deleted, rowsWritten: deleted, seconds: (Date.now() - started) / 1000 };
}
