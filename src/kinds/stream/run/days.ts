import { daysBetween } from '../../../core/windows.js';
import type { Engine } from '../../../engine/engine.js';
import { quoteIdent, quoteTable } from '../../../core/quote.js';
import { chainTables } from '../plan/chain-tables.js';
import type { StreamPlan } from '../plan/plan.js';

/** Every day from the earliest to the latest time any processed table with a time column holds (latest state). */
export async function daysWithData(engine: Engine, plan: StreamPlan): Promise<string[]> {
  const spec = plan.manifest.spec;
  const parts = spec.tables.flatMap((t) =>
    t.time === undefined
      ? []
      : [
          `SELECT min(toDate(${quoteIdent(t.time)})) AS lo, max(toDate(${quoteIdent(t.time)})) AS hi FROM ${quoteTable(spec.cluster ? chainTables(spec).all(t.name) : chainTables(spec).table(t.name))} FINAL WHERE _deleted = 0 HAVING count() > 0`,
        ],
  );
  if (parts.length === 0) return [];
  const [row] = await engine.rows<{ lo: string; hi: string }>(
    `SELECT toString(min(lo)) AS lo, toString(max(hi)) AS hi FROM (${parts.join(' UNION ALL ')}) HAVING count() > 0`,
  );
  return row ? daysBetween(row.lo, row.hi) : [];
}
