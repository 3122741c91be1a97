import type { ChunkSize, Strategy, TableRef } from '../../../config/settings.js';
import type { PlanManifest } from '../../../plan/manifest.js';

/** A flatten plan's manifest.json. The plan hash is over canonical JSON: field order does not matter. */
export interface Manifest extends PlanManifest {
  kind: 'flatten';
  tables: Record<
    'source' | 'target' | 'staging' | 'ledger' | 'registry' | 'namedView' | 'compatView' | 'distributed',
    TableRef
  >;
  /** Zone of the plan's days. */
  timeZone: string;
  strategy: Strategy;
  /** The insert stops on keys the mapping lacks itself, so no scan for them runs before it. */
  insertChecksUnmappedKeys: boolean;
  chunk: ChunkSize;
  customers: number[] | null;
  customerColumn: string;
  cluster: string | null;
  timeColumn: string;
  groupKeys: string[];
  intType: string;
  floatType: string;
  mappingHash: string;
  /** The mapping the target was loaded with before, when this plan migrates it. */
  previousMappingHash: string | null;
  source: { fingerprint: string; columns: [string, string][] };
}
