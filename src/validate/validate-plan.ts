import type { Engine } from '../engine/engine.js';
import { statementOf, type LoadedPlan } from '../plan/plan-dir.js';
import { dayWindow, windowParams } from '../core/windows.js';
import { evaluateDay, successRate, type Check, type ValidationInputs } from './evaluate.js';

export interface DayReport {
  day: string;
  checks: Check[];
}

export interface ValidationReport {
  plan: string;
  planHash: string;
  source: string;
  target: string;
  days: DayReport[];
  passed: boolean;
  successRate: number;
}

const SPOT_GROUPS = 50;

/** Runs the plan's validation queries for one day and returns their raw answers. */
export async function collectInputs(engine: Engine, plan: LoadedPlan, day: string, spotSeed = 1): Promise<ValidationInputs> {
  const window = dayWindow(day, plan.manifest.timeZone);
  const params = { ...windowParams(window), spot_seed: spotSeed, spot_groups: SPOT_GROUPS };
  const run = <T>(step: Parameters<typeof statementOf>[1]) => engine.rows<T>(statementOf(plan, step), { params, step: `validate ${day}` });
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

/** A report over days of checks. */
export function reportOf(plan: LoadedPlan, days: DayReport[]): ValidationReport {
  const all = days.flatMap((r) => r.checks);
  const m = plan.manifest;
  return {
    plan: plan.name,
    planHash: m.planHash,
    source: `${m.tables.source.database}.${m.tables.source.name}`,
    target: `${m.tables.target.database}.${m.tables.target.name}`,
    days,
    passed: all.every((c) => c.status !== 'fail'),
    successRate: successRate(all),
  };
}

/** Runs the plan's validation queries for each day and evaluates them. */
export async function validatePlan(engine: Engine, plan: LoadedPlan, days: string[], spotSeed = 1): Promise<ValidationReport> {
  const reports: DayReport[] = [];
  for (const day of days) reports.push({ day, checks: evaluateDay(plan.mapping, await collectInputs(engine, plan, day, spotSeed)) });
  return reportOf(plan, reports);
}
