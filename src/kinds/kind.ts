import type { CommandModule, Options } from 'yargs';
import type { Settings } from '../config/settings.js';
import type { DaySummary, RunEvent } from '../execute/run-plan.js';
import type { LoadedPlan } from '../plan/plan-dir.js';

/** How a run picks its units on the command line (each kind accepts the flags it names). */
export interface UnitArgs {
  day?: string;
  partition?: string;
  to?: string;
  chunk?: string;
}

export interface KindRunOptions {
  dryRun: boolean;
  resume: boolean;
  force: boolean;
  signal: AbortSignal;
  onEvent: (event: RunEvent) => void;
  /** Shards of a cluster plan run at once (default: all). */
  parallelShards?: number;
  /** Days or partitions of one target loaded at once (default 1). */
  parallelUnits?: number;
}

/** A status as `chplan status` shows it, for kinds whose units are not days (JSON for --json, a printer for people). */
export interface KindStatus {
  json: unknown;
  print(): void;
}

/** A validation outcome as the shared verbs handle it: JSON for files and --json, a printer for people. */
export interface KindValidation {
  passed: boolean;
  json: unknown;
  print(): void;
}

export interface CompileSummary {
  out: string;
  planHash: string;
  files: number;
  /** What --json prints. */
  json: unknown;
  /** The command that runs the plan, for the closing hint. */
  next: string;
}

/** A data set `chplan seed --kind NAME` creates, with its own flags. */
export interface Seeder {
  describe: string;
  options: Record<string, Options>;
  run(settings: Settings, args: Record<string, unknown>): Promise<string>;
}

/**
 * A plan kind: everything chplan knows about one kind of pipeline. The shared verbs
 * (compile --spec, run, validate, status, approve, verify, seed) find a plan's kind by its
 * manifest and ask it; everything else a kind needs is in its own module and templates.
 */
export interface PlanKind {
  name: string;
  /** One line for --help. */
  describe: string;
  /** Flags of `compile` that only this kind reads. */
  compileOptions?: Record<string, Options>;
  /**
   * Compiles a plan directory: from `--spec F` when the spec's "kind" is this kind, or
   * from the default kind's own flags when there is no spec.
   */
  compile(settings: Settings, args: Record<string, unknown>): Promise<CompileSummary>;
  /** Reads and verifies a plan directory of this kind. */
  readPlan(dir: string): LoadedPlan;
  run(settings: Settings, plan: LoadedPlan, units: UnitArgs, options: KindRunOptions): Promise<{ shard: string; days: DaySummary[] }[]>;
  validate(settings: Settings, plan: LoadedPlan, units: UnitArgs, args: Record<string, unknown>): Promise<KindValidation>;
  /** What the first column of a run's summary names (default `shard`; the stream kind's are aggregates). */
  runGroup?: string;
  /** A unit as people name it, from the ledger's day of it (the backfill's partition from its first day); default the day. */
  unitLabel?(ledgerDay: string): string;
  /** The ledger as this kind's units read; without it, status shows the plan's target per day. */
  status?(settings: Settings, plan: LoadedPlan): Promise<KindStatus>;
  /** Data sets this kind can seed, by name. */
  seeders?: Record<string, Seeder>;
  /** Commands of this kind alone (one-shot workflows, benchmarks). */
  commands?: CommandModule[];
}
