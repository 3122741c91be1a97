import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import type { Settings } from '../../src/config/settings.js';
import { compilePlanDir } from '../../src/kinds/flatten/plan/compile-plan-dir.js';
import { discoverMapping } from '../../src/kinds/flatten/workflows/discover-mapping.js';
import { readPlan, type FlattenPlan } from '../../src/kinds/flatten/plan/plan.js';
import { type UnitSummary } from '../../src/execute/run-plan.js';
import { runFlatten } from '../../src/kinds/flatten/run/run.js';
import { validatePlan, type ValidationReport } from '../../src/kinds/flatten/validate/validate.js';
import { daysBetween } from '../../src/core/windows.js';

/** compile → read: a flatten plan directory from a mapping file, verified as run would read it. */
export async function compileFlatten(
  engine: Engine,
  settings: Settings,
  options: Parameters<typeof compilePlanDir>[2] & { out: string },
): Promise<FlattenPlan> {
  await compilePlanDir(engine, settings, options);
  return readPlan(options.out);
}

/** discover → compile → run → validate through the library, files under `dir`. */
export async function flattenDays(
  engine: Engine,
  settings: Settings,
  dir: string,
  from: string,
  to = from,
): Promise<{ plan: FlattenPlan; days: UnitSummary[]; report: ValidationReport }> {
  const mappingPath = join(dir, `${settings.target.name}.mapping.json`);
  await discoverMapping(engine, settings, { from, to, out: mappingPath });
  const planDir = join(dir, 'plans', settings.target.name);
  const plan = await compileFlatten(engine, settings, { mapping: mappingPath, out: planDir });
  const range = daysBetween(from, to);
  const days = await runFlatten(engine, plan, { days: range, chunk: settings.chunk });
  const report = await validatePlan(engine, plan, range);
  return { plan, days, report };
}
