import type { Engine } from '../../../engine/engine.js';
import { planStatus, type UnitStatus } from '../../../execute/status.js';
import type { StreamPlan } from '../plan/plan.js';

/** Each aggregate's rebuilt days, from the units the shared runner recorded (`aggregate/day`). */
export async function streamStatus(
  engine: Engine,
  plan: StreamPlan,
): Promise<{ aggregate: string; days: (UnitStatus & { day: string })[] }[]> {
  const { units } = await planStatus(engine, plan);
  return plan.manifest.spec.aggregates.map(({ name }) => ({
    aggregate: name,
    days: units.filter((u) => u.unit.startsWith(`${name}/`)).map((u) => ({ ...u, day: u.unit.slice(name.length + 1) })),
  }));
}
