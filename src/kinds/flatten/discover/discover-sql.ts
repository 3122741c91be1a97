import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';
import { windowFilter } from '../schema/window-filter.js';
import type { Settings } from '../../../config/settings.js';
import type { SourceSchema } from '../schema/source-schema.js';

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
  WHERE ${windowFilter(settings)}
)
GROUP BY map, key
ORDER BY map, key`;
}

export function countRowsSql(schema: SourceSchema, settings: Settings): string {
  return `SELECT count() AS rows FROM ${quoteTable(schema.table)} WHERE ${windowFilter(settings)}`;
}
