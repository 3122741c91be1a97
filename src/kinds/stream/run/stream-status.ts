import type { Engine } from '../../../engine/engine.js';
import { formatTableRef } from '../../../config/settings.js';
import { readLedger } from '../../../execute/ledger.js';
import { summarizeLedger, type DayStatus } from '../../../execute/status.js';
import { chainTables } from '../plan/compile.js';
import type { StreamPlan } from '../plan/stream-plan.js';

/** Each aggregate's rebuilt days, as the shared runner recorded them under the aggregate's table. */
export async function streamStatus(engine: Engine, plan: StreamPlan): Promise<{ aggregate: string; days: DayStatus[] }[]> {
  const t = chainTables(plan.manifest.spec);
  const out: { aggregate: string; days: DayStatus[] }[] = [];
  for (const aggregate of plan.manifest.spec.aggregates) {
    const rows = await readLedger(engine, plan.manifest.tables.ledger, formatTableRef(t.table(aggregate.name)));
    out.push({ aggregate: aggregate.name, days: summarizeLedger(rows, plan.manifest.planHash).days });
  }
  return out;
}
