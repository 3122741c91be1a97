import type { Engine } from '../../../engine/engine.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { SchemaError } from '../../../core/errors.js';
import { TOOL_VERSION } from '../../../core/version.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { sealedManifest, writePlanDir } from '../../../plan/plan-dir.js';
import { basename } from 'node:path';
import { buildBackfillPlan } from './backfill-plan.js';
import type { BackfillSpec } from './spec.js';

async function required(engine: Engine, table: TableRef, role: string, flag: string): Promise<{ name: string; type: string }[]> {
  const columns = await tableColumns(engine, table);
  if (!columns) {
    throw new SchemaError(`The ${role} ${formatTableRef(table)} does not exist on ${engine.description}; nothing was compiled. Pass ${flag} db.table, or create demo data with chplan seed --kind langfuse --month YYYY-MM.`);
  }
  return columns;
}

/**
 * Compiles a backfill spec into a plan directory. The engine is only asked for the tables'
 * columns (and whether the target exists); rendering itself is pure.
 */
export async function compileBackfillDir(engine: Engine, spec: BackfillSpec, out = `generated-sql/${spec.name}`): Promise<{ out: string; files: string[]; planHash: string }> {
  const inputs = {
    spec,
    source: await required(engine, spec.source, 'observations table', '--source'),
    lookup: await required(engine, spec.lookup, 'traces table', '--lookup'),
    target: await tableColumns(engine, spec.target),
  };
  const files = buildBackfillPlan(inputs, { name: basename(out), dir: out, toolVersion: TOOL_VERSION });
  writePlanDir(out, files);
  const manifest = sealedManifest(files);
  return { out, files: files.map((f) => f.name), planHash: manifest.planHash };
}
