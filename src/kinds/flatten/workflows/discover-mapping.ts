import type { Engine } from '../../../engine/engine.js';
import type { Settings } from '../../../config/settings.js';
import { discoverKeys } from '../discover/discover.js';
import type { KeyInventory } from '../discover/key-inventory.js';
import { assignColumns } from '../mapping/assign-columns.js';
import type { Mapping } from '../mapping/mapping.js';
import { mappingHash, readMapping, writeMapping } from '../mapping/mapping-file.js';
import { introspectSource } from '../schema/introspect.js';
import type { SourceSchema } from '../schema/source-schema.js';
import { daysBetween, parseDay } from '../../../core/windows.js';

export interface DiscoverResult {
  /** The source as introspected for this discovery. */
  schema: SourceSchema;
  inventory: KeyInventory;
  mapping: Mapping;
  out: string;
}

/** Fresh alphabetical mappings of two days, for comparing them. Writes nothing. */
export async function discoverDayMappings(
  engine: Engine,
  settings: Settings,
  days: [string, string],
): Promise<[Mapping, Mapping]> {
  const schema = await introspectSource(engine, settings);
  const mappingOf = async (day: string) =>
    assignColumns(await discoverKeys(engine, schema, settings, parseDay(day), day));
  return [await mappingOf(days[0]), await mappingOf(days[1])];
}

/** Discovers the keys of a day range, assigns columns (keeping a base mapping's) and writes mapping.json. */
export async function discoverMapping(
  engine: Engine,
  settings: Settings,
  options: {
    from: string;
    to?: string;
    out: string;
    base?: string;
    baseMapping?: Mapping | null;
    spareColumns?: number;
  },
): Promise<DiscoverResult> {
  const days = daysBetween(options.from, options.to);
  const base = options.baseMapping ?? (options.base ? readMapping(options.base) : null);
  const schema = await introspectSource(engine, settings);
  const inventory = await discoverKeys(engine, schema, settings, days[0]!, days.at(-1)!);
  const mapping = assignColumns(inventory, {
    base: base ? { mapping: base, hash: mappingHash(base) } : null,
    spareColumns: options.spareColumns,
  });
  writeMapping(options.out, mapping);
  return { schema, inventory, mapping, out: options.out };
}
