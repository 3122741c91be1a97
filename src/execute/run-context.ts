import type { Engine } from '../engine/engine.js';
import type { LoadedPlan } from '../plan/plan-dir.js';
import type { Window } from '../core/windows.js';
import { appendLedger, type LedgerRecord, type LedgerRow, type LedgerTarget } from './ledger.js';
import type { Lease } from './lease.js';
import { statementOf } from '../plan/plan-dir.js';

/**
 * A unit of work: what a run publishes at once and the ledger records (a day, a partition, a
 * sync table's cursor window, an aggregate's day). A kind adds its own window or cursor.
 */
export interface Unit {
  /** What the ledger files the unit's rows under; stable from run to run (`2025-10-08`, `impressions`). */
  key: string;
  /**
   * What people call it: `2025-10-08`, `partition 202406`, `table impressions`, `aggregate daily_stats, 2024-06-03`.
   */
  label: string;
  /**
   * Units run in order of stage, all of one stage finished before the next starts (default 0): a rollup after what it
   * rolls up.
   */
  stage?: number;
}

/** How one unit of a run ended. */
export interface UnitSummary {
  /** The unit's label. */
  unit: string;
  status: 'published' | 'empty' | 'planned' | 'skipped';
  rowsRead: number;
  rowsWritten: number;
  seconds: number;
}

/** A run's units on one shard of a cluster plan, or on the one server (shard null). */
export interface RunGroup {
  shard: string | null;
  units: UnitSummary[];
}

/** What a run reports as it goes; `unit` is a unit's label. */
export type RunEvent =
  | { type: 'plan'; units: string[]; chunks: number }
  | { type: 'lease_taken'; from: { runner: string; lastHeartbeat: string }[] }
  | { type: 'unit_empty'; unit: string; reason: string }
  | { type: 'unit_skipped'; unit: string; reason: string }
  | { type: 'chunk_skipped'; window: Window; rowsWritten: number }
  | { type: 'chunk_done'; window: Window; rowsRead: number; rowsWritten: number; seconds: number }
  | { type: 'chunk_retry'; window: Window; attempt: number; reason: string; waitMs: number }
  | { type: 'chunk_split'; window: Window; into: Window[] }
  | { type: 'unit_published'; unit: string; rows: number }
  | { type: 'dry_run_chunk'; window: Window; estimatedRows: number }
  | { type: 'warning'; message: string };

/** Everything a run's steps share. */
export interface RunContext<P extends LoadedPlan = LoadedPlan> {
  engine: Engine;
  plan: P;
  emit: (event: RunEvent) => void;
  runner: string;
  signal?: AbortSignal;
  maxAttempts: number;
  backoffBaseMs: number;
  /** The source's version when the run started (adapter.sourceVersion), '' where the kind has none. */
  sourceVersion: string;
  /** The run's lease, once held (absent in a dry run). */
  lease?: Lease;
  /** With --resume: this plan's ledger rows as the run started; null otherwise. */
  ledger: LedgerRow[] | null;
}

/** The plan's ledger: its table and the statement that appends to it. */
export function ledgerOf(plan: LoadedPlan): LedgerTarget {
  return { table: plan.manifest.ledger.table, append: statementOf(plan, 'append_ledger') };
}

/** Appends a ledger row of this run (plan, scope and runner filled in). */
export function record(ctx: RunContext, fields: Omit<LedgerRecord, 'planHash' | 'target' | 'runner'>): Promise<void> {
  return appendLedger(ctx.engine, ledgerOf(ctx.plan), {
    planHash: ctx.plan.manifest.planHash,
    target: ctx.plan.manifest.ledger.scope,
    runner: ctx.runner,
    ...fields,
  });
}

/** A query_id a human can find in system.processes: plan, chunk window, bucket and attempt. */
export function chunkQueryId(ctx: RunContext, window: Window, attempt: number): string {
  const start = window.start.replace(/\D/g, '').slice(0, 12);
  const end = window.end.replace(/\D/g, '').slice(0, 12);
  const bucket = window.bucket && window.bucket.count > 1 ? `-b${window.bucket.index}of${window.bucket.count}` : '';
  return `chplan-${ctx.plan.manifest.planHash.slice(0, 12)}-${start}-${end}${bucket}-a${attempt}`;
}

/**
 * What a plan kind tells the shared runner. The runner owns the order of things: the check, the
 * lease, the ledger, resume, parallel units, interruption and the summary; a kind loads and
 * publishes one unit and answers the few questions only it can.
 */
export interface RunAdapter<P extends LoadedPlan, U extends Unit> {
  /**
   * Before anything is written (and in a dry run): refuse a source or target that is not what the plan was compiled
   * against.
   */
  check(ctx: RunContext<P>, units: U[]): Promise<void>;
  /** Chunks a unit is loaded in, for progress (default 1). */
  chunks?(unit: U): number;
  /** Once the lease is held, before any unit: the plan's DDL and checks that need the lease. */
  setup?(ctx: RunContext<P>): Promise<void>;
  /**
   * The version of everything the units are built from (e.g. how many messages have landed), read
   * once before any unit is built. Each publish records it, and --resume skips a published unit only
   * when the version is still the same: a unit is done only for the data it was built from.
   */
  sourceVersion?(ctx: RunContext<P>): Promise<string>;
  /** A dry run: reports what the unit would read (dry_run_chunk events) and returns the source rows. */
  estimate(ctx: RunContext<P>, unit: U): Promise<number>;
  /**
   * Loads and publishes one unit, recording its chunks and its publish in the ledger (`record`).
   * Checks on staged data run here, before the publish: a failing one throws a SafetyError, and the
   * target is left as it was.
   */
  runUnit(ctx: RunContext<P>, unit: U): Promise<UnitSummary>;
  /** After every unit, still under the lease (e.g. refresh the views over what was published). */
  finish?(ctx: RunContext<P>, done: UnitSummary[]): Promise<UnitSummary[]>;
  /** Whether --resume skips units this plan already published (false for a kind whose every run moves a cursor). */
  resumable: boolean;
}
