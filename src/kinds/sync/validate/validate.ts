import type { Engine } from '../../../engine/engine.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { reportOf, type Check, type DayReport, type ValidationReport } from '../../../validate/report.js';
import { columnCheck } from '../plan/column-checks.js';
import { kpiStep, tableStep } from '../plan/sync-steps.js';
import type { SyncPlan } from '../plan/plan.js';
import { pgParams, throughPg, withCollection, type PgConnection } from '../../../engine/postgres.js';
import { compareTotals, keyCheck } from './evaluate.js';
import { compareRows } from '../../../validate/compare.js';
import { BEGINNING, type LoadWindow } from '../run/load-window.js';

/**
 * What a validation compares. `full`: every row of every table, keys on either side only, and every KPI row.
 * `window`: per table, the rows whose cursor is in the window a sync just loaded, (lo, hi], and the keys of that window
 * the target lacks; deleted rows and KPI rows wait for a full validation. A window costs what its rows cost.
 */
export type ValidationScope = { kind: 'full' } | { kind: 'window'; windows: LoadWindow[] };

/**
 * The scope after a sync: its windows, unless a table was loaded from the beginning (then everything is new, and a
 * window would cost a full validation without its checks) or `full` was asked for. Pure.
 */
export function scopeAfterSync(windows: LoadWindow[], full: boolean): ValidationScope {
  return full || windows.some((w) => w.lo === BEGINNING) ? { kind: 'full' } : { kind: 'window', windows };
}

type Totals = Record<string, unknown> & { m: string; n: string };
type Keys = { keys: string; sample: string[] };
/** Runs a step of the plan with PostgreSQL's collection and password, and these values. */
type Rows = <T>(step: string, params?: Record<string, string>) => Promise<T[]>;

/**
 * What of a plan one validation covers: on a cluster, a shard's tables (its rows of sharded tables, `shard` 0-based)
 * without the KPI views, or the KPI views alone on the server that holds them. Default everything.
 */
export interface ValidatedPart {
  shard?: number;
  tables?: boolean;
  kpis?: boolean;
}

/**
 * Validates a synced plan against PostgreSQL itself: per table, rows and column totals per month
 * and keys on one side only; per KPI view, every row against the same KPI computed by PostgreSQL
 * with its own SQL. The comparisons are pure (evaluate.ts); this only runs the plan's queries.
 */
export async function validateSync(
  engine: Engine,
  plan: SyncPlan,
  pg: PgConnection,
  scope: ValidationScope = { kind: 'full' },
  part: ValidatedPart = {},
): Promise<ValidationReport> {
  const { shard, tables = true, kpis = true } = part;
  const m = plan.manifest;
  return withCollection(engine, m.collection, pg, m.pgSchema, async (collection) => {
    const rows: Rows = <T>(step: string, params: Record<string, string> = {}): Promise<T[]> =>
      throughPg(pg, () =>
        engine.rows<T>(statementOf(plan, step), {
          step,
          params: { ...pgParams(collection, pg), ...(shard === undefined ? {} : { shard }), ...params },
        }),
      );
    const days: DayReport[] = [];
    for (const table of tables ? m.syncTables : []) {
      const window = scope.kind === 'window' ? scope.windows.find((w) => w.table === table.source) : undefined;
      // A table with nothing to load this run has nothing new to compare.
      if (window && !window.hi) continue;
      days.push({ day: table.target, checks: await tableChecks(rows, table, window) });
    }
    // A cluster's shard leaves the KPI views, which are the cluster's, to one validation on the server holding them.
    if (kpis && scope.kind === 'window') {
      const views = m.kpis.length > 0 ? ` and the ${m.kpis.length} KPI views' rows` : '';
      days.push({
        day: 'outside the windows',
        checks: [
          {
            name: `rows deleted in PostgreSQL${views}`,
            status: 'warn',
            detail: `not compared by a window validation; chplan validate, or chplan sync --validate-full, compares every key${views ? ' and every KPI row' : ''} with PostgreSQL`,
          },
        ],
      });
    } else if (kpis) {
      for (const kpi of m.kpis) {
        const ch = await rows<Record<string, unknown>>(kpiStep(kpi.name, 'read'));
        const theirs = await rows<Record<string, unknown>>(kpiStep(kpi.name, 'postgres'));
        days.push({ day: kpi.name, checks: compareRows(kpi.name, kpi.key, ch, theirs) });
      }
    }
    return reportOf(plan, `PostgreSQL ${m.pgSchema} (${m.syncTables.map((t) => t.source).join(', ')})`, days);
  });
}

/**
 * One table's checks: its rows and totals per month and its keys on either side only; within a window, the rows whose
 * cursor is in it and the keys of it the target lacks.
 */
async function tableChecks(
  rows: Rows,
  table: SyncPlan['manifest']['syncTables'][number],
  window: LoadWindow | undefined,
): Promise<Check[]> {
  const checks = table.columns.flatMap((c, i) => columnCheck(c, i));
  if (!window) {
    const totals = compareTotals(
      table.source,
      await rows<Totals>(tableStep(table, 'validate_clickhouse')),
      await rows<Totals>(tableStep(table, 'validate_postgres')),
      checks,
    );
    const [onlyCh] = await rows<Keys>(tableStep(table, 'missing_in_source'));
    const [onlyPg] = await rows<Keys>(tableStep(table, 'missing_in_target'));
    return [...totals, keyCheck(table.source, 'ClickHouse', onlyCh), keyCheck(table.source, 'PostgreSQL', onlyPg)];
  }
  const bounds = { lo: window.lo, hi: window.hi };
  const label = `${table.source} (${table.cursor} in (${window.lo.slice(0, 19)}, ${window.hi.slice(0, 19)}])`;
  const totals = compareTotals(
    label,
    await rows<Totals>(tableStep(table, 'validate_window_clickhouse'), bounds),
    await rows<Totals>(tableStep(table, 'validate_window_postgres'), bounds),
    checks,
  );
  // The keys are listed only when the totals differ: a row lost or added changes the count or a column's total, and
  // reading every key of the window from PostgreSQL cost more than the rest of a routine validation together.
  if (totals.every((c) => c.status !== 'fail'))
    return [
      ...totals,
      {
        name: `${label}: keys only in PostgreSQL`,
        status: 'pass',
        detail: "not listed: the rows and every column total equal PostgreSQL's (listed when they differ)",
      },
    ];
  const [onlyPg] = await rows<Keys>(tableStep(table, 'missing_in_target_window'), bounds);
  return [...totals, keyCheck(label, 'PostgreSQL', onlyPg)];
}
