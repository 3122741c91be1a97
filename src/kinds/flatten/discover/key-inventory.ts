import type { MetricKind } from '../schema/source-schema.js';

/** Every map key seen in a time range. */
export interface KeyInventory {
  source: string;
  from: string;
  to: string;
  timeZone: string;
  /** Source rows in the range (after the customer filter). */
  rows: number;
  keys: InventoryKey[];
}

export interface InventoryKey {
  kind: MetricKind;
  key: string;
  /** Per source map: rows in which the key appears. Sorted by map column name. */
  maps: { map: string; rows: number }[];
}

/** Total rows of a key over all its maps. */
export function keyRows(key: InventoryKey): number {
  return key.maps.reduce((sum, m) => sum + m.rows, 0);
}

/** Keys found in more than one map of the same kind: their column sums all of those maps. */
export function sharedKeys(inventory: KeyInventory): InventoryKey[] {
  return inventory.keys.filter((k) => k.maps.length > 1);
}
