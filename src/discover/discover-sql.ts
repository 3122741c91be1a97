import { quoteIdent, quoteString, quoteTable } from '../compile/quote.js';
import type { Settings } from '../config/settings.js';
import type { SourceSchema } from '../schema/source-schema.js';

/** WHERE clause restricting the source to `[{chunk_start}, {chunk_end})` and the plan's customers. */
export function sourceWindowFilter(schema: SourceSchema, settings: Pick<Settings, 'customers' | 'customerColumn'>): string {
  const time = quoteIdent(schema.time.name);
  const parts = [
    `${time} >= {chunk_start:DateTime64(3, 'UTC')}`,
    `${time} < {chunk_end:DateTime64(3, 'UTC')}`,
  ];
  if (settings.customers) parts.push(`${quoteIdent(settings.customerColumn)} IN (${settings.customers.join(', ')})`);
  return parts.join('\n  AND ');
}

/**
 * One scan over every metric map: (map, key, rows) for each key present in the window.
 * Map columns are numbered in schema order to keep the unpivoted tuples small.
 */
export function discoverKeysSql(schema: SourceSchema, settings: Settings): string {
  const pairs = schema.maps.map((m, i) => `arrayMap(k -> (${i + 1}, k), mapKeys(${quoteIdent(m.name)}))`);
  const names = `[${schema.maps.map((m) => quoteString(m.name)).join(', ')}]`;
  return `SELECT ${names}[pair.1] AS map, pair.2 AS key, count() AS rows
FROM (
  SELECT arrayJoin(arrayConcat(${pairs.join(', ')})) AS pair
  FROM ${quoteTable(schema.table)}
  WHERE ${sourceWindowFilter(schema, settings)}
)
GROUP BY map, key
ORDER BY map, key`;
}

export function countRowsSql(schema: SourceSchema, settings: Settings): string {
  return `SELECT count() AS rows FROM ${quoteTable(schema.table)} WHERE ${sourceWindowFilter(schema, settings)}`;
}
