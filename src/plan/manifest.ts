import { createHash } from 'node:crypto';
import type { TableRef } from '../config/settings.js';
import { canonicalJson } from '../core/canonical-json.js';

/**
 * The manifest format this chplan writes: 3 has only what every plan has in common and each kind's
 * own fields; 2 (canonical JSON, shared day-shaped fields) and 1 (hashed JavaScript's key order) are refused.
 */
export const MANIFEST_FORMAT = 3;

/**
 * What every plan's manifest.json says, whatever its kind: what the plan is made of,
 * hashed, so a sign-off binds exactly these bytes. A kind adds its own fields, all of
 * which the plan hash covers.
 */
export interface PlanManifest {
  formatVersion: typeof MANIFEST_FORMAT;
  kind: string;
  tool: { name: 'chplan'; version: string };
  /** Where runs are recorded: the ledger table, and the scope its lease guards and its rows are filed under. */
  ledger: { table: TableRef; scope: string };
  /** sha256 of every file in the plan directory except this one (line endings normalised). */
  files: Record<string, string>;
  /** sha256 over everything above: the identity of the plan. */
  planHash: string;
}

/** sha256 of text with CRLF normalised to LF, so a checkout on Windows hashes the same. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * The plan hash: over the manifest without its own planHash, as canonical JSON (keys sorted), so it
 * depends on what the plan says, never on the order in which code built the object.
 */
export function planHashOf<M extends PlanManifest>(manifest: Omit<M, 'planHash'>): string {
  return contentHash(canonicalJson(manifest));
}

export function serializeManifest(manifest: PlanManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
