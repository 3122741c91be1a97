import { basename } from 'node:path';
import type { Engine } from '../../../engine/engine.js';
import { TOOL_VERSION } from '../../../core/version.js';
import { writePlanDir } from '../../../plan/plan-dir.js';
import { withCollection, type PgConnection } from '../../../engine/postgres.js';
import { introspectSources } from './introspect.js';
import { buildSyncPlan } from './plan.js';
import type { SyncSpec } from './spec.js';

/**
 * Compiles a sync spec into a plan directory. PostgreSQL is asked, through ClickHouse, for the
 * tables' columns; rendering itself is pure. A spec the tables cannot satisfy writes nothing.
 */
export async function compileSyncDir(
  engine: Engine,
  spec: SyncSpec,
  pg: PgConnection,
  out = `generated-sql/${spec.name}`,
): Promise<{ out: string; files: string[]; planHash: string }> {
  const sources = await withCollection(engine, spec.source.collection, pg, spec.source.schema, (collection) =>
    introspectSources(engine, spec, pg, collection),
  );
  const { files, manifest } = buildSyncPlan(spec, sources, {
    name: basename(out),
    dir: out,
    toolVersion: TOOL_VERSION,
  });
  writePlanDir(out, files);
  return { out, files: files.map((f) => f.name), planHash: manifest.planHash };
}
