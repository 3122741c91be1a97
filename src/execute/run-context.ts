import type { Engine } from '../engine/engine.js';
import type { LoadedPlan } from '../plan/plan-dir.js';
import { formatTableRef } from '../config/settings.js';
import { chunksOfDay, dayWindow, type ChunkSpec, type Window } from '../core/windows.js';
import { appendLedger, type LedgerRecord, type LedgerTarget } from './ledger.js';
import { statementOf } from '../plan/plan-dir.js';

/** What a run reports as it goes; `day` is a unit's label (a day, or a partition). */
export type RunEvent =
  | { type: 'plan'; days: string[]; chunks: number }
  | { type: 'lease_taken'; from: { runner: string; lastHeartbeat: string }[] }
  | { type: 'day_empty'; day: string }
  | { type: 'day_skipped'; day: string; reason: string }
  | { type: 'chunk_skipped'; window: Window; rowsWritten: number }
  | { type: 'chunk_done'; window: Window; rowsRead: number; rowsWritten: number; seconds: number }
  | { type: 'chunk_retry'; window: Window; attempt: number; reason: string; waitMs: number }
  | { type: 'chunk_split'; window: Window; into: Window[] }
  | { type: 'day_published'; day: string; rows: number }
  | { type: 'dry_run_chunk'; window: Window; estimatedRows: number }
  | { type: 'warning'; message: string };

/** Everything a run's steps share. */
export interface RunContext {
  engine: Engine;
  plan: LoadedPlan;
  adapter: RunAdapter;
  emit: (event: RunEvent) => void;
  runner: string;
  signal?: AbortSignal;
  maxAttempts: number;
  backoffBaseMs: number;
  /** The source's version when the run started (adapter.sourceVersion), '' where the kind has none. */
  sourceVersion: string;
}

/** The plan's ledger: its table and the statement that appends to it. */
export function ledgerOf(plan: LoadedPlan): LedgerTarget {
  return { table: plan.manifest.tables.ledger, append: statementOf(plan, 'append_ledger') };
}

export function record(ctx: RunContext, fields: Omit<LedgerRecord, 'planHash' | 'target' | 'runner'>): Promise<void> {
  return appendLedger(ctx.engine, ledgerOf(ctx.plan), {
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
  const bucket = window.bucket && window.bucket.count > 1 ? `-b${window.bucket.index}of${window.bucket.count}` : '';
  return `chplan-${ctx.plan.manifest.planHash.slice(0, 12)}-${start}-${end}${bucket}-a${attempt}`;
}

/** A unit of publishing: its whole window (one target partition) and the chunks it is loaded in. */
export interface Unit {
  /** The ledger's `day` for every row of this unit: the day itself, or a partition's first day. */
  day: string;
  /** What people call it: `2025-10-08`, `202406`. */
  label: string;
  whole: Window;
  windows: Window[];
}

/** Units of whole days in `zone`, each chunked as asked. */
export function dayUnits(days: string[], zone: string, chunk: ChunkSpec): Unit[] {
  return days.map((day) => ({ day, label: day, whole: dayWindow(day, zone), windows: chunksOfDay(day, zone, chunk) }));
}

/**
 * What a plan kind tells the shared runner. The runner owns the order of things (lease,
 * staging, chunks, retries, resume, publish, ledger); a kind names its statements and
 * answers the few questions only it can.
 */
export interface RunAdapter {
  steps: {
    /** DDL run once per run after the lease is held, in order; steps the plan lacks are skipped. */
    setup: string[];
    clearUnit: string;
    clearWindow: string;
    insert: string;
    checkStaging: string;
    publish: string;
  };
  /** Before anything is written: refuse a source that is not what the plan was compiled against. */
  check(ctx: RunContext): Promise<void>;
  /** Once the lease is held, before the setup DDL (e.g. refuse a conflicting mapping). */
  beforeSetup?(ctx: RunContext): Promise<void>;
  /** Source rows a window reads (also the dry run's estimate). */
  countSource(ctx: RunContext, window: Window): Promise<number>;
  /** Rows staging holds in a window. */
  countStaging(ctx: RunContext, window: Window): Promise<number>;
  /** Before each chunk's insert (e.g. a preflight that refuses keys the plan would drop). */
  beforeChunk?(ctx: RunContext, window: Window): Promise<void>;
  /** A clearer error for a failed insert, or null to report it as it is. */
  explainFailure?(ctx: RunContext, window: Window, queryId: string, cause: unknown): Promise<Error | null>;
  /** Just before a unit is published: may stage more rows (e.g. other customers' rows to keep). */
  beforePublish?(ctx: RunContext, unit: Unit): Promise<void>;
  /**
   * The version of everything the units are built from (e.g. how many messages have landed), read
   * once before any unit is built. Each publish records it, and --resume skips a published unit only
   * when the version is still the same: a unit is done only for the data it was built from.
   */
  sourceVersion?(ctx: RunContext): Promise<string>;
  /** Whether chunks staged by an earlier run may be kept on --resume (false when staging depends on the target). */
  keepsStagedChunks: boolean;
  /** A unit whose chunks wrote nothing is recorded as published without touching the target (insert-only publishes). */
  publishesNothingWhenEmpty: boolean;
}
