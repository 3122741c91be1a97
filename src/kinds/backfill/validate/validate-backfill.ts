import type { Engine } from '../../../engine/engine.js';
import { windowParams } from '../../../core/windows.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { reportOf, type DayReport, type ValidationReport } from '../../../validate/report.js';
import { evaluatePartition, type BackfillInputs } from './evaluate.js';
import type { BackfillPlan } from '../plan/backfill-plan.js';
import { partitionUnit } from '../run/run-backfill.js';

/** Runs a backfill plan's validation queries for one partition: month-wide counts and totals, then the enrichment day by day. */
export async function collectPartition(engine: Engine, plan: BackfillPlan, partition: string): Promise<BackfillInputs> {
  const unit = partitionUnit(partition, plan.manifest.timeZone, { time: 'day' });
  const params = windowParams(unit.whole);
  const counts = await engine.rows<BackfillInputs['counts'][number]>(statementOf(plan, 'validate_counts'), { params, step: `validate ${partition}` });
  const [totals] = await engine.rows<BackfillInputs['totals']>(statementOf(plan, 'validate_totals'), { params, step: `validate ${partition}` });
  const enrichment: BackfillInputs['enrichment'] = [];
  for (const window of unit.windows) {
    const day = window.label;
    const rows = await engine.rows<Record<string, string>>(statementOf(plan, 'validate_enrichment'), { params: windowParams(window), step: `validate ${day}` });
    const side = (name: string) => rows.find((r) => r.side === name) ?? {};
    enrichment.push({ day, expected: side('expected'), actual: side('actual') });
  }
  return { counts, totals: totals!, enrichment, publish: plan.manifest.publish };
}

/** Validates each partition and reports (one "day" of the report per partition). */
export async function validateBackfill(engine: Engine, plan: BackfillPlan, partitions: string[]): Promise<ValidationReport> {
  const days: DayReport[] = [];
  for (const partition of partitions) days.push({ day: partition, checks: evaluatePartition(await collectPartition(engine, plan, partition)) });
  return reportOf(plan, plan.manifest.tables.source, days);
}
