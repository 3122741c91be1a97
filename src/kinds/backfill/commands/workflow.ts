import type { Engine } from '../../../engine/engine.js';
import { ConfigError } from '../../../core/errors.js';
import { formatTableRef, sameTable } from '../../../config/settings.js';
import { tableColumns } from '../../../engine/table-columns.js';
import type { UnitSummary, RunEvent } from '../../../execute/run-plan.js';
import type { ValidationReport } from '../../../validate/report.js';
import { compileBackfillDir } from '../plan/compile-plan-dir.js';
import { readBackfillPlan } from '../plan/plan.js';
import { runBackfill } from '../run/run.js';
import { seedLangfuse } from '../seed/seed-langfuse.js';
import { DEFAULT_SPEC, type BackfillSpec } from '../plan/spec.js';
import { validateBackfill } from '../validate/validate.js';

export interface BackfillOptions {
  partitions: string[];
  out?: string;
  chunk?: string;
  dryRun?: boolean;
  /** Validate the partitions at the end (default true). */
  validate?: boolean;
  resume?: boolean;
  force?: boolean;
  signal?: AbortSignal;
  onEvent?: (
    event: RunEvent | { type: 'seeded'; month: string; rows: number } | { type: 'stage'; name: string },
  ) => void;
}

export interface BackfillResult {
  seeded: boolean;
  planDir: string;
  planHash: string;
  partitions: UnitSummary[];
  report: ValidationReport | null;
}

/**
 * Whether to seed a demo month: only on the embedded engine, only into the default tables when
 * none of them exists, and never in a dry run. A missing table the user named (a typo, another
 * database) or a default observations table missing beside existing traces is refused instead,
 * having changed nothing: seeding there would write demo rows into real tables.
 */
async function demoSeedWanted(engine: Engine, spec: BackfillSpec, dryRun: boolean): Promise<boolean> {
  if (!engine.can.runInProcess || (await tableColumns(engine, spec.source)) !== null) return false;
  const missing = `${formatTableRef(spec.source)} does not exist on ${engine.description}; nothing was changed.`;
  const named =
    !sameTable(spec.source, DEFAULT_SPEC.source) ||
    !sameTable(spec.lookup, DEFAULT_SPEC.lookup) ||
    !sameTable(spec.target, DEFAULT_SPEC.target);
  if (named) {
    throw new ConfigError(
      `${missing} Check --source (or the spec's source): chplan seeds demo data on its own only when no table is named and none of the demo's tables exists. ` +
        'To make demo tables under other names on purpose, run chplan seed --kind langfuse --month YYYY-MM --source DB.OBSERVATIONS --lookup DB.TRACES.',
    );
  }
  if ((await tableColumns(engine, spec.lookup)) !== null) {
    throw new ConfigError(
      `${missing} ${formatTableRef(spec.lookup)} exists, so this is not an empty engine: chplan does not add demo traces to it. Check --source, or seed both on purpose with chplan seed --kind langfuse --month YYYY-MM.`,
    );
  }
  if (dryRun)
    throw new ConfigError(
      `${missing} A dry run changes nothing, so it does not seed the demo month: run without --dry-run to seed and backfill it, or seed first with chplan seed --kind langfuse --month YYYY-MM.`,
    );
  return true;
}

/** `chplan backfill`: (seed a demo month on an empty embedded engine) → compile → run → validate. */
export async function backfill(engine: Engine, spec: BackfillSpec, options: BackfillOptions): Promise<BackfillResult> {
  if (spec.cluster)
    throw new ConfigError(
      `The spec runs on cluster ${spec.cluster}, whose shards each run their own part: compile it with chplan compile --spec (add --url for the server) and run it with chplan run PLAN --partition YYYYMM --url …. Nothing was changed.`,
    );
  const emit = options.onEvent ?? (() => {});
  let seeded = false;
  if (await demoSeedWanted(engine, spec, Boolean(options.dryRun))) {
    emit({ type: 'stage', name: 'seed' });
    for (const p of options.partitions) {
      const month = `${p.slice(0, 4)}-${p.slice(4)}`;
      const result = await seedLangfuse(engine, {
        observations: spec.source,
        traces: spec.lookup,
        month,
        observationCount: 200_000,
        traceCount: 20_000,
        seed: 1,
        replace: false,
      });
      emit({ type: 'seeded', month, rows: result.observationRows });
    }
    seeded = true;
  }
  emit({ type: 'stage', name: 'compile' });
  const compiled = await compileBackfillDir(engine, spec, options.out);
  const plan = readBackfillPlan(compiled.out);
  emit({ type: 'stage', name: options.dryRun ? 'dry run' : 'run' });
  const summaries = await runBackfill(engine, plan, {
    partitions: options.partitions,
    chunk: options.chunk,
    dryRun: options.dryRun,
    resume: options.resume,
    force: options.force,
    signal: options.signal,
    onEvent: emit,
  });
  if (!options.dryRun && summaries.every((s) => s.status === 'empty')) {
    throw new ConfigError(
      `${formatTableRef(spec.source)} has no observations in ${options.partitions.join(', ')}; nothing was written and the target is unchanged. ` +
        'Check --partition (YYYYMM of start_time) and --source, or seed demo data with chplan seed --kind langfuse --month YYYY-MM.',
    );
  }
  if (options.dryRun || options.validate === false)
    return { seeded, planDir: compiled.out, planHash: compiled.planHash, partitions: summaries, report: null };
  emit({ type: 'stage', name: 'validate' });
  const report = await validateBackfill(engine, plan, options.partitions);
  return { seeded, planDir: compiled.out, planHash: compiled.planHash, partitions: summaries, report };
}
