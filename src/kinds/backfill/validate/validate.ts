import type { Engine } from '../../../engine/engine.js';
import type { TableRef } from '../../../config/settings.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { reportOf, type DayReport, type ValidationReport } from '../../../validate/report.js';
import { evaluatePartition, type BackfillAnswers, type EventsDay } from './evaluate.js';
import type { BackfillPlan } from '../plan/plan.js';

/** Runs a backfill plan's validation queries for one partition of `events` (the target, or staging before publish). */
export async function collectPartition(
  engine: Engine,
  plan: BackfillPlan,
  partition: string,
  events: TableRef = plan.manifest.tables.target,
): Promise<BackfillAnswers> {
  const params = { partition_id: partition, events_db: events.database, events_table: events.name };
  const step = `validate ${partition}`;
  const days = await engine.rows<EventsDay>(statementOf(plan, 'validate_events'), { params, step });
  if (days.some((d) => d.differing_rows !== '0')) {
    // Rows differ: ask which columns, day by day.
    const columns = await engine.rows<{ day: string; differing: Record<string, string> }>(
      statementOf(plan, 'validate_columns'),
      { params, step },
    );
    for (const d of days) d.differing = columns.find((c) => c.day === d.day)?.differing;
  }
  const [totals] = await engine.rows<BackfillAnswers['totals']>(statementOf(plan, 'validate_totals'), { params, step });
  return { days, totals: totals!, publish: plan.manifest.publish };
}

/** Validates each partition of the target and reports (one "day" of the report per partition). */
export async function validateBackfill(
  engine: Engine,
  plan: BackfillPlan,
  partitions: string[],
): Promise<ValidationReport> {
  const days: DayReport[] = [];
  for (const partition of partitions)
    days.push({ day: partition, checks: evaluatePartition(await collectPartition(engine, plan, partition)) });
  return reportOf(plan, plan.manifest.tables.source, days);
}
