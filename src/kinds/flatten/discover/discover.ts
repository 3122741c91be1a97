import type { Engine } from '../../../engine/engine.js';
import { formatTableRef, type Settings } from '../../../config/settings.js';
import type { SourceSchema } from '../schema/source-schema.js';
import { dayWindow, windowParams } from '../../../core/windows.js';
import { codePointCompare } from '../../../core/code-point.js';
import { countRowsSql, discoverKeysSql } from './discover-sql.js';
import type { InventoryKey, KeyInventory } from './key-inventory.js';

/** Scans the source between two days (inclusive) and returns every key with its maps and row counts. */
export async function discoverKeys(
  engine: Engine,
  schema: SourceSchema,
  settings: Settings,
  from: string,
  to: string,
): Promise<KeyInventory> {
  const params = windowParams({
    start: dayWindow(from, settings.timeZone).start,
    end: dayWindow(to, settings.timeZone).end,
  });
  const [found, counted] = await Promise.all([
    engine.rows<{ map: string; key: string; rows: string }>(discoverKeysSql(schema, settings), {
      params,
      step: 'discover',
    }),
    engine.rows<{ rows: string }>(countRowsSql(schema, settings), { params, step: 'discover' }),
  ]);
  return {
    source: formatTableRef(schema.table),
    from,
    to,
    timeZone: settings.timeZone,
    rows: Number(counted[0]?.rows ?? 0),
    keys: groupByKey(schema, found),
  };
}

function groupByKey(schema: SourceSchema, found: { map: string; key: string; rows: string }[]): InventoryKey[] {
  const kindOf = new Map(schema.maps.map((m) => [m.name, m.kind]));
  const byKey = new Map<string, InventoryKey>();
  for (const row of found) {
    const kind = kindOf.get(row.map)!;
    const id = `${kind}\u0000${row.key}`;
    const entry = byKey.get(id) ?? { kind, key: row.key, maps: [] };
    entry.maps.push({ map: row.map, rows: Number(row.rows) });
    byKey.set(id, entry);
  }
  const keys = [...byKey.values()];
  for (const k of keys) k.maps.sort((a, b) => codePointCompare(a.map, b.map));
  return keys.sort((a, b) => (a.kind === b.kind ? codePointCompare(a.key, b.key) : a.kind < b.kind ? -1 : 1));
}
