import type { Engine } from '../../../engine/engine.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { type FlattenPlan } from '../plan/plan.js';
import { dayWindow, windowParams } from '../../../core/windows.js';
import type { SplitGroupCounter } from './shards.js';

/** The plan's own sharding check, run once through the cluster() table function. */
export function clusterSplitGroups(entry: Engine, plan: FlattenPlan): SplitGroupCounter {
  return async (day) => {
    const window = dayWindow(day, plan.manifest.timeZone);
    const [row] = await entry.rows<{ split_groups: string }>(statementOf(plan, 'check_sharding'), {
      params: windowParams(window),
      step: 'sharding check',
    });
    return Number(row?.split_groups ?? 0);
  };
}
