import type { Engine } from '../engine/engine.js';
import { AbortedError } from '../core/errors.js';
import { statementOf, type LoadedPlan } from '../plan/plan-dir.js';
import { mapConcurrent } from '../core/concurrency.js';
import { acquireLease, newRunnerId, type Lease } from './lease.js';
import { readLedger, unitFinished } from './ledger.js';
import {
  ledgerOf,
  type RunAdapter,
  type RunContext,
  type RunEvent,
  type RunGroup,
  type Unit,
  type UnitSummary,
} from './run-context.js';

export type { RunEvent, RunGroup, Unit, RunAdapter, UnitSummary };

export interface RunOptions<U extends Unit = Unit> {
  units: U[];
  dryRun?: boolean;
  /** Skip units already published and chunks already in staging (by the ledger). */
  resume?: boolean;
  /** Take the target's lease even if another runner holds it. */
  force?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  maxAttempts?: number;
  backoffBaseMs?: number;
  leaseStaleAfterSec?: number;
  /** Units loaded at the same time; each has its own staging and ledger rows (default 1). */
  parallelUnits?: number;
}

/**
 * Runs a plan server-side, whatever its kind: checks it, takes the lease on its scope, and runs
 * each unit through the kind (which stages, checks and publishes it atomically), skipping on
 * --resume what this plan already published. The target only ever changes by a unit's publish, so
 * a failure or a kill leaves every unpublished unit as it was.
 */
export async function runPlan<P extends LoadedPlan, U extends Unit>(
  engine: Engine,
  plan: P,
  adapter: RunAdapter<P, U>,
  options: RunOptions<U>,
): Promise<UnitSummary[]> {
  const ctx: RunContext<P> = {
    engine,
    plan,
    emit: options.onEvent ?? (() => {}),
    runner: newRunnerId(),
    signal: options.signal,
    maxAttempts: options.maxAttempts ?? 3,
    backoffBaseMs: options.backoffBaseMs ?? 1000,
    sourceVersion: '',
    ledger: null,
  };
  const { units } = options;
  await adapter.check(ctx, units);
  ctx.emit({
    type: 'plan',
    units: units.map((u) => u.label),
    chunks: units.reduce((n, u) => n + (adapter.chunks?.(u) ?? 1), 0),
  });
  if (options.dryRun) {
    const planned: UnitSummary[] = [];
    for (const unit of units)
      planned.push({
        unit: unit.label,
        status: 'planned',
        rowsRead: await adapter.estimate(ctx, unit),
        rowsWritten: 0,
        seconds: 0,
      });
    return planned;
  }
  return withPlanLease(
    engine,
    plan,
    { runner: ctx.runner, force: options.force, staleAfterSec: options.leaseStaleAfterSec, emit: ctx.emit },
    async (lease) => {
      ctx.lease = lease;
      await adapter.setup?.(ctx);
      ctx.sourceVersion = (await adapter.sourceVersion?.(ctx)) ?? '';
      ctx.ledger = options.resume
        ? await readLedger(engine, plan.manifest.ledger.table, plan.manifest.ledger.scope, plan.manifest.planHash)
        : null;
      const finished: UnitSummary[] = [];
      const runOne = async (unit: U): Promise<UnitSummary> => {
        if (ctx.signal?.aborted)
          throw new AbortedError(
            `Interrupted before ${unit.label}; ${publishedSoFar(finished)}the target is unchanged for the rest. Resume with --resume.`,
          );
        if (adapter.resumable && ctx.ledger && unitFinished(ctx.ledger, unit.key, ctx.sourceVersion)) {
          ctx.emit({ type: 'unit_skipped', unit: unit.label, reason: 'already published by this plan' });
          const skipped: UnitSummary = { unit: unit.label, status: 'skipped', rowsRead: 0, rowsWritten: 0, seconds: 0 };
          finished.push(skipped);
          return skipped;
        }
        // Another runner may have taken the scope over (--force): then this one must not write on.
        await lease.heartbeat();
        const summary = await adapter.runUnit(ctx, unit).catch((error: unknown) => {
          const notLoaded = units.filter((u) => !finished.some((f) => f.unit === u.label)).map((u) => u.label);
          throw withProgress(error, finished, notLoaded, adapter.resumable);
        });
        finished.push(summary);
        return summary;
      };
      const done: UnitSummary[] = [];
      for (const stage of stages(units)) done.push(...(await mapConcurrent(stage, options.parallelUnits ?? 1, runOne)));
      return [...done, ...((await adapter.finish?.(ctx, done)) ?? [])];
    },
  );
}

/** Units grouped by stage, stages in order, each stage's units in their given order. Pure. */
function stages<U extends Unit>(units: U[]): U[][] {
  const numbers = [...new Set(units.map((u) => u.stage ?? 0))].sort((a, b) => a - b);
  return numbers.map((n) => units.filter((u) => (u.stage ?? 0) === n));
}

/** "this run published A, B before it stopped (complete, and recorded); ", or '' before any publish. */
function publishedSoFar(finished: UnitSummary[]): string {
  const published = finished.filter((s) => s.status === 'published').map((s) => s.unit);
  return published.length > 0
    ? `this run published ${published.join(', ')} before it stopped (complete, and recorded); `
    : '';
}

/**
 * A failure after some units were published says which (complete, and recorded) and which were
 * not: "nothing was loaded" is true only before the first publish.
 */
function withProgress(error: unknown, finished: UnitSummary[], notLoaded: string[], resumable: boolean): unknown {
  const published = publishedSoFar(finished);
  if (!(error instanceof Error) || published === '') return error;
  const rest = `${notLoaded.join(', ')} ${notLoaded.length === 1 ? 'was' : 'were'} not loaded: run again${resumable ? ' with --resume' : ''} to continue.`;
  const progress = `${published[0]!.toUpperCase()}${published.slice(1)}${rest}`;
  const said = /Nothing was loaded(?: and nothing was changed)?\./;
  error.message = said.test(error.message) ? error.message.replace(said, progress) : `${error.message} ${progress}`;
  return error;
}

/**
 * Runs `work` holding the lease on the plan's scope: creates (and migrates) the ledger, takes
 * the lease (reporting a takeover), keeps it fresh every 30 s, and releases it however `work` ends.
 */
export async function withPlanLease<T>(
  engine: Engine,
  plan: LoadedPlan,
  options: { runner: string; force?: boolean; staleAfterSec?: number; emit: (event: RunEvent) => void },
  work: (lease: Lease) => Promise<T>,
): Promise<T> {
  await engine.command(statementOf(plan, 'create_ledger'), { step: 'create_ledger' });
  if (plan.sql.migrate_ledger !== undefined) await engine.command(plan.sql.migrate_ledger, { step: 'migrate_ledger' });
  const lease = await acquireLease(engine, ledgerOf(plan), plan.manifest.ledger.scope, {
    runner: options.runner,
    force: options.force ?? false,
    staleAfterSec: options.staleAfterSec ?? 300,
    planHash: plan.manifest.planHash,
  });
  if (lease.takenOver.length > 0) options.emit({ type: 'lease_taken', from: lease.takenOver });
  const heartbeat = setInterval(() => void lease.heartbeat().catch(() => {}), 30_000).unref();
  try {
    return await work(lease);
  } finally {
    clearInterval(heartbeat);
    await lease.release().catch(() => {});
  }
}
