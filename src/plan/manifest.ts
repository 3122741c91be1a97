import { createHash } from 'node:crypto';
import type { ChunkSize, Strategy, TableRef } from '../config/settings.js';

/** manifest.json: what a plan is made of, hashed, so a sign-off binds exactly these bytes. */
export interface Manifest {
  formatVersion: 1;
  kind: 'flatten';
  tool: { name: 'chplan'; version: string };
  tables: Record<'source' | 'target' | 'staging' | 'ledger' | 'registry' | 'namedView' | 'compatView' | 'distributed', TableRef>;
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
  /** sha256 of every file in the plan directory except this one (line endings normalised). */
  files: Record<string, string>;
  /** sha256 over everything above: the identity of the plan. */
  planHash: string;
}

/** sha256 of text with CRLF normalised to LF, so a checkout on Windows hashes the same. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/** The plan hash: over the manifest without its own planHash, in a fixed key order. */
export function planHashOf(manifest: Omit<Manifest, 'planHash'>): string {
  return contentHash(JSON.stringify(manifest));
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
