import type { Engine } from '../../../engine/engine.js';
import { ConfigError } from '../../../core/errors.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { kpiStep, type KpiStep } from '../plan/compile.js';
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
