import type { Engine } from '../../../engine/engine.js';
import type { FlattenPlan } from '../plan/plan.js';
import type { SourceSchema } from '../schema/source-schema.js';
import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';

type SourceRow = Record<string, unknown> & { __minute: string };
type TargetRow = Record<string, unknown>;

/**
 * What the seed write-ups do: fetch rows to the client, flatten and pre-aggregate them
 * in JavaScript, insert the result. It produces the same target rows as the plan (every
 * preserved column, the first value seen for dimensions, every mapped key summed), so
 * the benchmark compares like with like and the tests can use it as an independent
 * computation. Returns the number of source rows processed.
 */
export async function clientSideFlatten(
  engine: Engine,
  plan: FlattenPlan,
  schema: SourceSchema,
  window: { start: string; end: string },
  limit: number,
  into: string,
): Promise<number> {
  const m = plan.manifest;
  const columnOf = new Map<string, string>();
  for (const kind of ['int', 'float'] as const) {
    for (const entry of plan.mapping[kind]) columnOf.set(`${kind}\u0000${entry.key}`, entry.column);
  }
  const carried = [...schema.groupKeys, ...schema.dimensions].map((c) => c.name);
  const time = quoteIdent(m.timeColumn);
  const rows = await engine.rows<SourceRow>(
    `SELECT formatDateTime(toStartOfMinute(${time}, ${quoteString(m.timeZone)}), '%Y-%m-%dT%H:%i:%SZ', 'UTC') AS __minute, ${[...carried, ...schema.maps.map((map) => map.name)].map(quoteIdent).join(', ')}
     FROM ${quoteTable(m.tables.source)} WHERE ${time} >= {s:DateTime64(3, 'UTC')} AND ${time} < {e:DateTime64(3, 'UTC')} LIMIT ${limit}`,
    { params: { s: window.start, e: window.end } },
  );
  const groups = new Map<string, TargetRow>();
  for (const row of rows) {
    const id = JSON.stringify([row.__minute, ...schema.groupKeys.map((k) => row[k.name])]);
    let out = groups.get(id);
    if (!out) {
      out = { [m.timeColumn]: row.__minute };
      for (const name of carried) out[name] = row[name];
      groups.set(id, out);
    }
    for (const map of schema.maps) {
      for (const [key, value] of Object.entries((row[map.name] ?? {}) as Record<string, unknown>)) {
        const column = columnOf.get(`${map.kind}\u0000${key}`);
        if (column) out[column] = ((out[column] as number | undefined) ?? 0) + Number(value);
      }
    }
  }
  const body = [...groups.values()].map((g) => JSON.stringify(g)).join('\n');
  await engine.command(
    `INSERT INTO ${into} SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n${body}`,
  );
  return rows.length;
}
