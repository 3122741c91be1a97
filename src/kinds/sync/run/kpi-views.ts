import type { Engine } from '../../../engine/engine.js';
import { ConfigError } from '../../../core/errors.js';
import { statementOf } from '../../../plan/plan-dir.js';
import type { ChangedObject } from '../../../execute/planned-objects.js';
import { kpiStep, type KpiStep } from '../plan/sync-steps.js';
import type { SyncPlan } from '../plan/plan.js';

/**
 * Runs one statement of a KPI. A failure names the KPI and, for the new definition of a changed
 * KPI (`beside`), drops that definition: the view readers use keeps its previous one.
 */
export async function kpiStatement(
  engine: Engine,
  plan: SyncPlan,
  kpi: string,
  type: KpiStep,
  beside = false,
): Promise<void> {
  const step = kpiStep(kpi, type);
  try {
    await engine.command(statementOf(plan, step), { step });
  } catch (cause) {
    if (!beside && type !== 'create') throw cause;
    if (beside)
      await engine
        .command(statementOf(plan, kpiStep(kpi, 'drop_next')), { step: kpiStep(kpi, 'drop_next') })
        .catch(() => {});
    const message = String((cause as Error).message).split('\n')[0]!;
    const hint = /Sorting key contains nullable columns/i.test(message)
      ? ' Its key columns must not be Nullable: wrap them in ifNull(…, default) or assumeNotNull(…) in its SELECT.'
      : '';
    const when = type === 'create' || type === 'create_next' ? 'cannot be created' : 'failed its first refresh';
    const state =
      type === 'create' || type === 'create_next'
        ? 'Nothing was loaded.'
        : 'The tables were loaded and recorded; run again after correcting the KPI.';
    throw new ConfigError(
      `KPI ${kpi}${beside ? ': its new definition' : ''} ${when} (${message}).${hint} ${beside ? 'The view in ClickHouse keeps its previous definition and answers as before. ' : ''}${state} Correct the KPI in the spec (chplan compile checks only its form; ClickHouse checks its columns and functions).`,
      { cause },
    );
  }
}

/** Creates every KPI view that does not exist, and beside each changed one its new definition. */
export async function createKpis(engine: Engine, plan: SyncPlan, changed: ChangedObject[]): Promise<void> {
  for (const kpi of changed) await kpiStatement(engine, plan, kpi.name, 'create_next', true);
  for (const kpi of plan.manifest.kpis) await kpiStatement(engine, plan, kpi.name, 'create');
}

/**
 * Refreshes every KPI view (with `metrics`), and swaps each changed one's new definition in once it has refreshed
 * (always: a changed KPI goes live only that way).
 */
export async function refreshKpis(
  engine: Engine,
  plan: SyncPlan,
  changed: ChangedObject[],
  metrics: boolean,
): Promise<void> {
  const replaced = new Set(changed.map((kpi) => kpi.name));
  for (const kpi of metrics ? plan.manifest.kpis.filter((k) => !replaced.has(k.name)) : []) {
    await kpiStatement(engine, plan, kpi.name, 'refresh');
    await kpiStatement(engine, plan, kpi.name, 'wait');
  }
  for (const kpi of changed) {
    await kpiStatement(engine, plan, kpi.name, 'refresh_next', true);
    await kpiStatement(engine, plan, kpi.name, 'wait_next', true);
    await kpiStatement(engine, plan, kpi.name, 'swap');
    await kpiStatement(engine, plan, kpi.name, 'drop_next');
  }
}
