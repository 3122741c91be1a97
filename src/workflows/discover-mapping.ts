import type { Engine } from '../engine/engine.js';
import type { Settings } from '../config/settings.js';
import { discoverKeys } from '../discover/discover.js';
import type { KeyInventory } from '../discover/key-inventory.js';
import { assignColumns } from '../mapping/assign-columns.js';
import type { Mapping } from '../mapping/mapping.js';
import { mappingHash, readMapping, writeMapping } from '../mapping/mapping-file.js';
import { introspectSource } from '../schema/introspect.js';
import { daysBetween } from '../execute/windows.js';

export interface DiscoverResult {
  inventory: KeyInventory;
  mapping: Mapping;
  out: string;
}

/** Discovers the keys of a day range, assigns columns (keeping a base mapping's) and writes mapping.json. */
export async function discoverMapping(engine: Engine, settings: Settings, options: { from: string; to?: string; out: string; base?: string }): Promise<DiscoverResult> {
  const days = daysBetween(options.from, options.to);
  const base = options.base ? readMapping(options.base) : null;
  const schema = await introspectSource(engine, settings);
  const inventory = await discoverKeys(engine, schema, settings, days[0]!, days.at(-1)!);
  const mapping = assignColumns(inventory, base ? { mapping: base, hash: mappingHash(base) } : null);
  writeMapping(options.out, mapping);
  return { inventory, mapping, out: options.out };
}
