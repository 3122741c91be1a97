import type { Engine } from '../../../engine/engine.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { reportOf, type DayReport, type ValidationReport } from '../../../validate/report.js';
import { columnCheck, kpiStep, tableStep } from '../plan/compile.js';
import type { SyncPlan } from '../plan/plan.js';
import { pgParams, throughPg, withCollection, type PgConnection } from '../../../engine/postgres.js';
import { compareTotals, keyCheck } from './evaluate.js';
import { compareRows } from '../../../validate/compare.js';

/**
 * Validates a synced plan against PostgreSQL itself: per table, rows and column totals per month
 * and keys on one side only; per KPI view, every row against the same KPI computed by PostgreSQL
 * with its own SQL. The comparisons are pure (evaluate.ts); this only runs the plan's queries.
 */
export async function validateSync(engine: Engine, plan: SyncPlan, pg: PgConnection): Promise<ValidationReport> {
  const m = plan.manifest;
  return withCollection(engine, m.collection, pg, m.pgSchema, async (collection) => {
    const rows = <T>(step: string): Promise<T[]> =>
      throughPg(pg, () => engine.rows<T>(statementOf(plan, step), { step, params: pgParams(collection, pg) }));
    const days: DayReport[] = [];
    for (const table of m.syncTables) {
      const checks = table.columns.flatMap((c, i) => columnCheck(c, i));
      type Totals = Record<string, unknown> & { m: string; n: string };
      const totals = compareTotals(
        table.source,
        await rows<Totals>(tableStep(table, 'validate_clickhouse')),
        await rows<Totals>(tableStep(table, 'validate_postgres')),
        checks,
      );
      const [onlyCh] = await rows<{ keys: string; sample: string[] }>(tableStep(table, 'missing_in_source'));
      const [onlyPg] = await rows<{ keys: string; sample: string[] }>(tableStep(table, 'missing_in_target'));
      days.push({
        day: table.target,
        checks: [...totals, keyCheck(table.source, 'ClickHouse', onlyCh), keyCheck(table.source, 'PostgreSQL', onlyPg)],
      });
    }
    for (const kpi of m.kpis) {
      const ch = await rows<Record<string, unknown>>(kpiStep(kpi.name, 'read'));
      const theirs = await rows<Record<string, unknown>>(kpiStep(kpi.name, 'postgres'));
      days.push({ day: kpi.name, checks: compareRows(kpi.name, kpi.key, ch, theirs) });
    }
    return reportOf(plan, `PostgreSQL ${m.pgSchema} (${m.syncTables.map((t) => t.source).join(', ')})`, days);
  });
}
