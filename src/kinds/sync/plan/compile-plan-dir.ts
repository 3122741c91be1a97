import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Engine } from '../../../engine/engine.js';
import { TOOL_VERSION } from '../../../core/version.js';
import { canonicalJson } from '../../../core/canonical-json.js';
import { contentHash } from '../../../plan/manifest.js';
import { verifyPlanDir, writePlanDir } from '../../../plan/plan-dir.js';
import { withCollection, type PgConnection } from '../../../engine/postgres.js';
import { columnsFingerprint, introspectSources, sourceColumns } from './introspect.js';
import { buildSyncPlan, type SyncManifest } from './plan.js';
import type { SyncSpec } from './spec.js';

export interface CompiledSync {
  out: string;
  files: string[];
  planHash: string;
  /** The directory already held this plan (same spec, PostgreSQL columns and chplan): nothing was written. */
  reused: boolean;
}

/**
 * Compiles a sync spec into a plan directory. PostgreSQL is asked, through ClickHouse, for the
 * tables' columns; rendering itself is pure. A spec the tables cannot satisfy writes nothing.
 * With `reuse`, a directory that already holds the plan of this spec and this chplan version,
 * compiled while PostgreSQL's information_schema said what it says now of the source columns
 * (intact, as its manifest says), is kept as it is: one query to PostgreSQL instead of one per table.
 */
export async function compileSyncDir(
  engine: Engine,
  spec: SyncSpec,
  pg: PgConnection,
  out = `generated-sql/${spec.name}`,
  options: { reuse?: boolean } = {},
): Promise<CompiledSync> {
  return withCollection(engine, spec.source.collection, pg, spec.source.schema, async (collection) => {
    const info = await sourceColumns(engine, spec, pg, collection);
    const sourceFingerprint = columnsFingerprint(info);
    const existing = options.reuse ? compiledFrom(out, spec, sourceFingerprint) : null;
    if (existing)
      return {
        out,
        files: [...Object.keys(existing.files), 'manifest.json'],
        planHash: existing.planHash,
        reused: true,
      };
    const sources = await introspectSources(engine, spec, pg, collection, info);
    const { files, manifest } = buildSyncPlan(spec, sources, {
      name: basename(out),
      dir: out,
      toolVersion: TOOL_VERSION,
      sourceFingerprint,
    });
    writePlanDir(out, files);
    return { out, files: files.map((f) => f.name), planHash: manifest.planHash, reused: false };
  });
}

/** The manifest of the plan in `dir` when it was compiled from exactly this spec and these columns, else null. */
function compiledFrom(dir: string, spec: SyncSpec, sourceFingerprint: string): SyncManifest | null {
  if (!existsSync(join(dir, 'manifest.json'))) return null;
  let manifest: SyncManifest;
  try {
    manifest = verifyPlanDir(dir).manifest as SyncManifest;
  } catch {
    return null; // edited, incomplete or another kind's: compiled anew
  }
  const same =
    manifest.kind === 'sync' &&
    manifest.tool.version === TOOL_VERSION &&
    manifest.specHash === contentHash(canonicalJson(spec)) &&
    manifest.sourceFingerprint === sourceFingerprint;
  return same ? manifest : null;
}
