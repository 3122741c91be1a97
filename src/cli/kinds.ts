import type { PlanKind } from '../kinds/kind.js';
import { flattenKind } from '../kinds/flatten/index.js';
import { backfillKind } from '../kinds/backfill/index.js';
import { syncKind } from '../kinds/sync/index.js';
import { streamKind } from '../kinds/stream/index.js';

/** Every plan kind chplan knows. The first is the default of `compile` without --spec. */
export const KINDS: readonly PlanKind[] = [flattenKind, backfillKind, syncKind, streamKind];
