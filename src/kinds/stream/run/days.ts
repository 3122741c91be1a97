import { daysBetween } from '../../../core/windows.js';
import type { Engine } from '../../../engine/engine.js';
import { quoteIdent, quoteTable } from '../../../core/quote.js';
import { chainTables, liveCondition, readable } from '../plan/chain-tables.js';
import type { StreamPlan } from '../plan/plan.js';

/**
 * Every day from the earliest to the latest time any processed table with a time column holds in its latest state
 * (not deleted, not truncated away); with `aggregates`, any aggregate's rows too (days an aggregate still holds after
 * their changes were deleted or truncated away).
 */
export async function daysWithData(
  engine: Engine,
  plan: StreamPlan,
  options: { aggregates?: boolean } = {},
): Promise<string[]> {
  const spec = plan.manifest.spec;
  const tables = chainTables(spec);
  const range = (time: string, from: string) =>
    `SELECT min(toDate(${quoteIdent(time)})) AS lo, max(toDate(${quoteIdent(time)})) AS hi FROM ${from} HAVING count() > 0`;
  const parts = [
    ...spec.tables.flatMap((t) =>
      t.time === undefined
        ? []
        : [range(t.time, `${quoteTable(readable(spec, tables.table(t.name)))} FINAL WHERE ${liveCondition(spec, t)}`)],
    ),
    ...(options.aggregates ? spec.aggregates : []).map((a) =>
      range(a.time, quoteTable(readable(spec, tables.table(a.name)))),
    ),
  ];
  if (parts.length === 0) return [];
  const [row] = await engine.rows<{ lo: string; hi: string }>(
    `SELECT toString(min(lo)) AS lo, toString(max(hi)) AS hi FROM (${parts.join(' UNION ALL ')}) HAVING count() > 0`,
  );
  return row ? daysBetween(row.lo, row.hi) : [];
}
