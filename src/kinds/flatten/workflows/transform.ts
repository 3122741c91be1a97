import type { Engine } from '../../../engine/engine.js';
import { ConfigError } from '../../../core/errors.js';
import { DEFAULT_SETTINGS, DEMO_DAY, formatTableRef, sameTable, type Settings } from '../../../config/settings.js';
import { daysBetween } from '../../../core/windows.js';
import { type UnitSummary, type RunEvent } from '../../../execute/run-plan.js';
import { runFlatten } from '../run/run.js';
import { readPlan } from '../plan/plan.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { seedDay } from '../seed/seed.js';
import { validatePlan, type ValidationReport } from '../validate/validate.js';
import { compilePlanDir, defaultPlanDir } from '../plan/compile-plan-dir.js';
import { readMapping } from '../mapping/mapping-file.js';
import { discoverMapping, type DiscoverResult } from './discover-mapping.js';

export interface TransformOptions {
  from: string;
  to?: string;
  mappingOut: string;
  planOut?: string;
  base?: string;
  onEvent?: (event: RunEvent | { type: 'seeded'; day: string; rows: number } | { type: 'stage'; name: string }) => void;
}

export interface TransformResult {
  seeded: boolean;
  discovery: DiscoverResult;
  planDir: string;
  planHash: string;
  days: UnitSummary[];
  report: ValidationReport;
}

/**
 * Whether to seed the demo day: only on the embedded engine, only into the default source when it
 * does not exist. A missing source the user named (a typo, another database) is refused instead,
 * having changed nothing: seeding there would make up data under a name the user chose.
 */
async function demoSeedWanted(engine: Engine, settings: Settings): Promise<boolean> {
  if (!engine.can.runInProcess || (await tableColumns(engine, settings.source)) !== null) return false;
  if (sameTable(settings.source, DEFAULT_SETTINGS.source)) return true;
  throw new ConfigError(
    `${formatTableRef(settings.source)} does not exist on ${engine.description}; nothing was changed. Check --source (or the config's source): ` +
      `chplan seeds demo data on its own only into the default source ${formatTableRef(DEFAULT_SETTINGS.source)}. To make demo data under another name on purpose, run chplan seed --source ${formatTableRef(settings.source)}.`,
  );
}

/** The brief's `transform`: (seed on an empty embedded engine) → discover → compile → run → validate. */
export async function transform(
  engine: Engine,
  settings: Settings,
  options: TransformOptions,
): Promise<TransformResult> {
  const emit = options.onEvent ?? (() => {});
  const days = daysBetween(options.from, options.to);
  let seeded = false;
  if (await demoSeedWanted(engine, settings)) {
    emit({ type: 'stage', name: 'seed' });
    for (const day of days) {
      const result = await seedDay(engine, settings, {
        day,
        rows: 200_000,
        customers: 5,
        seed: day === DEMO_DAY ? 1 : Number(day.replaceAll('-', '')),
        replace: false,
      });
      emit({ type: 'seeded', day, rows: result.rows });
    }
    seeded = true;
  }
  // Read before discovery overwrites it: the plan migrates a target loaded with it.
  const previous = options.base ? readMapping(options.base) : null;
  emit({ type: 'stage', name: 'discover' });
  const discovery = await discoverMapping(engine, settings, {
    from: days[0]!,
    to: days.at(-1)!,
    out: options.mappingOut,
    base: options.base,
    baseMapping: previous,
  });
  emit({ type: 'stage', name: 'compile' });
  const planDir = options.planOut ?? defaultPlanDir(settings);
  await compilePlanDir(engine, settings, { mapping: options.mappingOut, out: planDir, previous });
  const plan = readPlan(planDir);
  emit({ type: 'stage', name: 'run' });
  const summaries = await runFlatten(engine, plan, { days, chunk: settings.chunk, onEvent: emit });
  emit({ type: 'stage', name: 'validate' });
  const report = await validatePlan(engine, plan, days);
  return { seeded, discovery, planDir, planHash: plan.manifest.planHash, days: summaries, report };
}
