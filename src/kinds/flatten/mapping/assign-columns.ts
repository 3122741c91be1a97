import { MappingError } from '../../../core/errors.js';
import { codePointCompare } from '../../../core/code-point.js';
import type { KeyInventory, InventoryKey } from '../discover/key-inventory.js';
import { keyRows } from '../discover/key-inventory.js';
import type { MetricKind } from '../schema/source-schema.js';
import { MAPPING_SCHEMA_REF, type Mapping, type MappingEntry } from './mapping.js';

export interface AssignOptions {
  /** The mapping to evolve: its keys keep their columns. */
  base?: { mapping: Mapping; hash: string } | null;
  /** Keep this many unused columns per kind, so future keys need no DDL. */
  spareColumns?: number;
}

/**
 * Assigns columns to keys. Without a base: int keys → int1.., float keys → float1..,
 * in code-point order. With a base: every key of the base keeps its column, keys that
 * disappeared keep theirs too, and new keys (in code-point order) take the base's free
 * columns first, then the next numbers. Pure.
 */
export function assignColumns(inventory: KeyInventory, options: AssignOptions = {}): Mapping {
  const base = options.base ?? null;
  const spare = options.spareColumns ?? 0;
  const result = {
    int: [] as MappingEntry[],
    float: [] as MappingEntry[],
    free: { int: [] as string[], float: [] as string[] },
  };
  for (const kind of ['int', 'float'] as const) {
    const evolved = evolve(
      kind,
      base?.mapping[kind] ?? [],
      base?.mapping.free[kind] ?? [],
      inventory.keys.filter((k) => k.kind === kind),
      spare,
    );
    result[kind] = evolved.entries;
    result.free[kind] = evolved.free;
  }
  return {
    $schema: MAPPING_SCHEMA_REF,
    formatVersion: 1,
    version: base ? base.mapping.version + 1 : 1,
    parent: base ? base.hash : null,
    source: inventory.source,
    discovered: { from: inventory.from, to: inventory.to, timeZone: inventory.timeZone, rows: inventory.rows },
    ...result,
  };
}

function evolve(
  kind: MetricKind,
  previous: MappingEntry[],
  previousFree: string[],
  found: InventoryKey[],
  spare: number,
): { entries: MappingEntry[]; free: string[] } {
  const seen = new Map(found.map((k) => [k.key, k]));
  const kept = previous.map((entry): MappingEntry => {
    const now = seen.get(entry.key);
    if (!now) return { ...entry, rows: 0 };
    const maps = [...new Set([...entry.maps, ...now.maps.map((m) => m.map)])].sort(codePointCompare);
    return { key: entry.key, column: entry.column, maps, rows: keyRows(now) };
  });
  const known = new Set(previous.map((e) => e.key));
  const free = [...previousFree];
  let last = [...previous.map((e) => e.column), ...previousFree].reduce(
    (max, c) => Math.max(max, columnNumber(kind, c)),
    0,
  );
  const added = found
    .filter((k) => !known.has(k.key))
    .sort((a, b) => codePointCompare(a.key, b.key))
    .map((k): MappingEntry => ({
      key: k.key,
      column: free.shift() ?? `${kind}${++last}`,
      maps: k.maps.map((m) => m.map),
      rows: keyRows(k),
    }));
  while (free.length < spare) free.push(`${kind}${++last}`);
  const entries = [...kept, ...added].sort((a, b) => columnNumber(kind, a.column) - columnNumber(kind, b.column));
  return { entries, free };
}

/** `int17` → 17 */
export function columnNumber(kind: MetricKind, column: string): number {
  const match = new RegExp(`^${kind}(\\d+)$`).exec(column);
  if (!match)
    throw new MappingError(
      `Column ${JSON.stringify(column)} is not a ${kind} column name (expected ${kind}1, ${kind}2, …).`,
    );
  return Number(match[1]);
}
