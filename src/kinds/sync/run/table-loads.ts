import { tableColumns, tableRows } from '../../../engine/table-columns.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { columnChanges, type NamedType } from '../../../core/column-changes.js';
import { SafetyError } from '../../../core/errors.js';
import { readLedger } from '../../../execute/ledger.js';
import type { RunContext } from '../../../execute/run-context.js';
import type { Unit } from '../../../execute/run-plan.js';
import { utcInstant, type Window } from '../../../core/windows.js';
import { tableStep, tablesOf } from '../plan/sync-steps.js';
import { BEGINNING, loadWindow, snapshots, watermarks, type LoadWindow, type SourceBound } from './load-window.js';
import type { SyncManifest, SyncPlan } from '../plan/plan.js';
import { pgStep, type PgSource } from './pg-reads.js';

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

export type SyncTable = SyncManifest['syncTables'][number];

/** A table's load as a unit of the shared runner: its cursor window (lo, hi] and the watermark it records. */
export interface TableLoad extends Unit {
  table: SyncTable;
  load: ReturnType<typeof loadWindow>;
}

/** The values a table's load statements take: its window, and for a table captured by transactions the snapshot. */
export function loadParams(table: SyncTable, load: LoadWindow): Record<string, string> {
  const window = { lo: load.lo, hi: load.hi || load.lo };
  return table.capture === 'transactions' ? { ...window, since: load.since } : window;
}

export function windowOf(load: LoadWindow): Window {
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
export async function tableLoads(ctx: Before, src: PgSource, fullRefresh: boolean): Promise<TableLoad[]> {
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
