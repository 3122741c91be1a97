import type { Engine } from '../../../engine/engine.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { type FlattenPlan } from '../plan/plan.js';
import { dayWindow, windowParams } from '../../../core/windows.js';
import { evaluateDay, type ValidationInputs } from './evaluate.js';
import { reportOf, type DayReport, type ValidationReport } from '../../../validate/report.js';

export type { ValidationReport };

const SPOT_GROUPS = 50;

/** Runs the plan's validation queries for one day and returns their raw answers. */
export async function collectInputs(
  engine: Engine,
  plan: FlattenPlan,
  day: string,
  spotSeed = 1,
): Promise<ValidationInputs> {
  const window = dayWindow(day, plan.manifest.timeZone);
  const params = { ...windowParams(window), spot_seed: spotSeed, spot_groups: SPOT_GROUPS };
  const run = <T>(step: Parameters<typeof statementOf>[1]) =>
    engine.rows<T>(statementOf(plan, step), { params, step: `validate ${day}` });
  const [rowCount] = await run<ValidationInputs['rowCount']>('validate_row_count');
  const [targetSums] = await run<Record<string, string>>('validate_target_sums');
  const [dimensions] = await run<ValidationInputs['dimensions']>('validate_dimensions');
  return {
    rowCount: rowCount!,
    sourceSums: await run('validate_source_sums'),
    targetSums: targetSums ?? {},
    unmapped: await run('preflight_unmapped_keys'),
    spotSource: await run('validate_spot_source'),
    spotTarget: await run('validate_spot_target'),
    dimensions: dimensions!,
  };
}

/** Runs the plan's validation queries for each day and evaluates them. */
export async function validatePlan(
  engine: Engine,
  plan: FlattenPlan,
  days: string[],
  spotSeed = 1,
): Promise<ValidationReport> {
  const reports: DayReport[] = [];
  for (const day of days)
    reports.push({ day, checks: evaluateDay(plan.mapping, await collectInputs(engine, plan, day, spotSeed)) });
  return reportOf(plan, plan.manifest.tables.source, reports);
}
