import type { Argv, Options } from 'yargs';
import type { EngineSettings } from '../config/settings.js';
import type { CommonArgs } from '../config/cli-options.js';
import type { RunEvent, RunGroup } from '../execute/run-plan.js';
import type { LoadedPlan } from '../plan/plan-dir.js';
import type { Engine } from '../engine/engine.js';

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
  /** The kind's own flags of `run` (its runOptions), by name as declared; absent ones were not given. */
  flags?: Record<string, unknown>;
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

/** A data set `chplan seed --kind NAME` creates, with its own flags (every flag it reads is declared in options). */
export interface Seeder {
  describe: string;
  options: Record<string, Options>;
  run(settings: EngineSettings, args: CommonArgs & Record<string, unknown>): Promise<string>;
}

/** The flags `compile` passes a kind: the spec, the output directory, and the kind's own compileOptions. */
export interface CompileArgs extends CommonArgs {
  spec?: string;
  out?: string;
  chunk?: string;
  [flag: string]: unknown;
}

/** A command of one kind, as the command line registers it; its handler reads the arguments its builder declares. */
export interface Command {
  command: string;
  describe: string;
  builder(yargs: Argv): Argv<object>;
  handler(args: object): Promise<void> | void;
}

/**
 * A plan kind: everything chplan knows about one kind of pipeline. The shared verbs
 * (compile --spec, run, validate, status, approve, verify, seed) find a plan's kind by its
 * manifest and ask it; everything else a kind needs is in its own module and templates.
 */
export interface PlanKind<P extends LoadedPlan = LoadedPlan> {
  name: string;
  /** One line for --help. */
  describe: string;
  /** Flags of `compile` that only this kind reads. */
  compileOptions?: Record<string, Options>;
  /** Flags of `run` that only this kind reads; `run` refuses them for a plan of another kind. */
  runOptions?: Record<string, Options>;
  /**
   * Compiles a plan directory: from `--spec F` when the spec's "kind" is this kind, or
   * from the default kind's own flags when there is no spec.
   */
  compile(settings: EngineSettings, args: CompileArgs): Promise<CompileSummary>;
  /** Reads and verifies a plan directory of this kind. */
  readPlan(dir: string): P;
  run(settings: EngineSettings, plan: P, units: UnitArgs, options: KindRunOptions): Promise<RunGroup[]>;
  validate(settings: EngineSettings, plan: P, units: UnitArgs, args: CompileArgs): Promise<KindValidation>;
  /**
   * A unit as people name it, from its key in the ledger (the backfill's partition from its first day); default the
   * key.
   */
  unitLabel?(key: string): string;
  /** The ledger as this kind's units read; without it, status shows the plan's units from the ledger. */
  status?(engine: Engine, plan: P): Promise<KindStatus>;
  /** The cluster a plan runs on (each shard keeps its own ledger), or null for one server. */
  clusterOf?(plan: P): string | null;
  /** Data sets this kind can seed, by name. */
  seeders?: Record<string, Seeder>;
  /** Commands of this kind alone (one-shot workflows, benchmarks). */
  commands?: readonly Command[];
}
