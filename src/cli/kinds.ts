import type { PlanKind } from '../kinds/kind.js';
import { flattenKind } from '../kinds/flatten/index.js';
import { backfillKind } from '../kinds/backfill/index.js';
import { syncKind } from '../kinds/sync/index.js';
import { streamKind } from '../kinds/stream/index.js';

const registry: PlanKind[] = [flattenKind, backfillKind, syncKind, streamKind];

/** Every plan kind chplan knows. The first is the default of `compile` without --spec. */
export const KINDS: readonly PlanKind[] = registry;

/**
 * Adds a kind to the registry, for a program that embeds chplan's command line with a kind of its
 * own; it must be registered before the command line is built. A kind of chplan's own is one line above.
 */
export function registerKind(kind: PlanKind): void {
  if (registry.some((k) => k.name === kind.name))
    throw new Error(`a plan kind named ${kind.name} is already registered`);
  registry.push(kind);
}
