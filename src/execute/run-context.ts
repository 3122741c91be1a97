import type { Engine } from '../engine/engine.js';
import type { LoadedPlan } from '../plan/plan-dir.js';
import { formatTableRef } from '../config/settings.js';
import { appendLedger, type LedgerRecord } from './ledger.js';
import type { Window } from '../core/windows.js';

export type RunEvent =
  | { type: 'plan'; days: string[]; chunks: number }
  | { type: 'day_empty'; day: string }
  | { type: 'day_skipped'; day: string; reason: string }
  | { type: 'chunk_skipped'; window: Window; rowsWritten: number }
  | { type: 'chunk_done'; window: Window; rowsRead: number; rowsWritten: number; seconds: number }
  | { type: 'chunk_retry'; window: Window; attempt: number; reason: string; waitMs: number }
  | { type: 'chunk_split'; window: Window; into: Window[] }
  | { type: 'day_published'; day: string; rows: number }
  | { type: 'dry_run_chunk'; window: Window; estimatedRows: number };

/** Everything a run's steps share. */
export interface RunContext {
  engine: Engine;
  plan: LoadedPlan;
  emit: (event: RunEvent) => void;
  runner: string;
  signal?: AbortSignal;
  maxAttempts: number;
  backoffBaseMs: number;
}

export function record(ctx: RunContext, fields: Omit<LedgerRecord, 'planHash' | 'target' | 'runner'>): Promise<void> {
  return appendLedger(ctx.engine, ctx.plan.manifest.tables.ledger, {
    planHash: ctx.plan.manifest.planHash,
    target: formatTableRef(ctx.plan.manifest.tables.target),
    runner: ctx.runner,
    ...fields,
  });
}

/** A query_id a human can find in system.processes: plan, day, chunk window and attempt. */
export function chunkQueryId(ctx: RunContext, window: Window, attempt: number): string {
  const start = window.start.replace(/\D/g, '').slice(0, 12);
  const end = window.end.replace(/\D/g, '').slice(0, 12);
  return `chplan-${ctx.plan.manifest.planHash.slice(0, 12)}-${start}-${end}-a${attempt}`;
}
