import type { Engine } from '../engine/engine.js';
import type { LoadedPlan } from '../plan/plan-dir.js';
import { quoteIdent, quoteTable } from '../compile/quote.js';

interface SourceRow {
  minute: string;
  group: string;
  [column: string]: unknown;
}

/**
 * What the seed write-ups do: stream rows to the client, flatten and pre-aggregate them
 * in JavaScript, insert the result. Used only to measure what chplan avoids.
 */
export async function clientSideFlatten(engine: Engine, plan: LoadedPlan, window: { start: string; end: string }, limit: number, into: string): Promise<number> {
  const m = plan.manifest;
  const kindOfMap = new Map<string, 'int' | 'float'>();
  const columnOf = new Map<string, string>();
  for (const kind of ['int', 'float'] as const) {
    for (const e of plan.mapping[kind]) {
      columnOf.set(`${kind}|${e.key}`, e.column);
      for (const map of e.maps) kindOfMap.set(map, kind);
    }
  }
  const metricMaps = [...kindOfMap.keys()].sort();
  const kindOf = (map: string) => kindOfMap.get(map)!;
  const time = quoteIdent(m.timeColumn);
  const rows = await engine.rows<SourceRow>(
    `SELECT toString(toStartOfMinute(${time})) AS minute, concat(${m.groupKeys.map((k) => `toString(${quoteIdent(k)})`).join(", '|', ")}) AS group, ${metricMaps.map(quoteIdent).join(', ')}
     FROM ${quoteTable(m.tables.source)} WHERE ${time} >= {s:DateTime64(3, 'UTC')} AND ${time} < {e:DateTime64(3, 'UTC')} LIMIT ${limit}`,
    { params: { s: window.start, e: window.end } },
  );
  const groups = new Map<string, Record<string, number | string>>();
  for (const row of rows) {
    const id = `${row.minute}|${row.group}`;
    let out = groups.get(id);
    if (!out) {
      const parts = row.group.split('|');
      out = { [m.timeColumn]: row.minute, ...Object.fromEntries(m.groupKeys.map((k, i) => [k, parts[i]!])) };
      groups.set(id, out);
    }
    for (const map of metricMaps) {
      for (const [key, value] of Object.entries((row[map] ?? {}) as Record<string, unknown>)) {
        const column = columnOf.get(`${kindOf(map)}|${key}`);
        if (column) out[column] = ((out[column] as number | undefined) ?? 0) + Number(value);
      }
    }
  }
  const body = [...groups.values()].map((g) => JSON.stringify(g)).join('\n');
  await engine.command(`INSERT INTO ${into} SETTINGS input_format_skip_unknown_fields = 1 FORMAT JSONEachRow\n${body}`);
  return rows.length;
}
