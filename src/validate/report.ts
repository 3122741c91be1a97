import type { LoadedPlan } from '../plan/plan-dir.js';
import { formatTableRef, type TableRef } from '../config/settings.js';

export type CheckStatus = 'pass' | 'fail' | 'warn';

/** One validation check's verdict. */
export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  /** Items behind a failure (mismatching keys, groups…), at most a few dozen. */
  problems?: unknown[];
}

/** The checks of one unit (a day, or a partition). */
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

/** A cluster plan's validation: every shard's own report, and checks over all shards together (per unit). */
export interface ShardedValidation {
  shards: { shard: string; report: ValidationReport }[];
  total: DayReport[];
  passed: boolean;
}

/** A sharded validation passes when every shard's report does and no check over all shards fails. */
export function shardedValidation(shards: ShardedValidation['shards'], total: DayReport[]): ShardedValidation {
  return {
    shards,
    total,
    passed: shards.every((r) => r.report.passed) && total.every((t) => t.checks.every((c) => c.status !== 'fail')),
  };
}

/**
 * A sharded validation as one report: each shard's units named `<shard>: <unit>`, then the checks over all shards as
 * `all shards: <unit>`. Pure.
 */
export function oneReport(sharded: ShardedValidation): ValidationReport {
  const days = [
    ...sharded.shards.flatMap((s) => s.report.days.map((d) => ({ ...d, day: `${s.shard}: ${d.day}` }))),
    ...sharded.total.map((d) => ({ ...d, day: `all shards: ${d.day}` })),
  ];
  return {
    ...sharded.shards[0]!.report,
    days,
    passed: sharded.passed,
    successRate: successRate(days.flatMap((d) => d.checks)),
  };
}

/** Share of checks that did not fail, in percent. Pure. */
export function successRate(checks: Check[]): number {
  return checks.length === 0 ? 0 : (100 * checks.filter((c) => c.status !== 'fail').length) / checks.length;
}

/** A report over units of checks; passed when no check failed (warnings pass). Pure. */
export function reportOf(plan: LoadedPlan, source: TableRef | string, days: DayReport[]): ValidationReport {
  const all = days.flatMap((r) => r.checks);
  const m = plan.manifest;
  return {
    plan: plan.name,
    planHash: m.planHash,
    source: typeof source === 'string' ? source : formatTableRef(source),
    target: m.ledger.scope,
    days,
    passed: all.every((c) => c.status !== 'fail'),
    successRate: successRate(all),
  };
}
