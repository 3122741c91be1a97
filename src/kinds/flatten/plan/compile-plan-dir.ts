import type { Engine } from '../../../engine/engine.js';
import { formatTableRef, type Settings } from '../../../config/settings.js';
import { readMapping } from '../mapping/mapping-file.js';
import { mappingMapProblems } from '../mapping/check-mapping.js';
import { MappingError } from '../../../core/errors.js';
import { buildPlan } from './build-plan.js';
import { writePlanDir } from '../../../plan/plan-dir.js';
import { introspectSource } from '../schema/introspect.js';
import { classifyColumns, type Column, type SourceSchema } from '../schema/source-schema.js';
import { TOOL_VERSION } from '../../../core/version.js';
import type { Manifest } from './manifest.js';
import type { Mapping } from '../mapping/mapping.js';
import { basename } from 'node:path';

export interface CompileResult {
  out: string;
  files: string[];
  manifest: Manifest;
}

/** Default plan directory: generated-sql/<target table>. */
export function defaultPlanDir(settings: Settings): string {
  return `generated-sql/${settings.target.name}`;
}

interface CompileOptions {
  mapping: string;
  out?: string;
  previous?: Mapping | null;
}

/**
 * Compiles a mapping into a plan directory. The engine is only asked for the source's
 * columns; rendering itself is pure.
 */
export async function compilePlanDir(
  engine: Engine,
  settings: Settings,
  options: CompileOptions,
): Promise<CompileResult> {
  return compilePlanDirFrom(await introspectSource(engine, settings), settings, options);
}

/** Compiles without a connection, from the source's columns (see schema-file.ts). */
export function compilePlanDirOffline(columns: Column[], settings: Settings, options: CompileOptions): CompileResult {
  return compilePlanDirFrom(classifyColumns(settings.source, columns, settings), settings, options);
}

function compilePlanDirFrom(schema: SourceSchema, settings: Settings, options: CompileOptions): CompileResult {
  const mapping = readMapping(options.mapping);
  const problems = mappingMapProblems(mapping, schema.maps);
  if (problems.length > 0) {
    throw new MappingError(
      `Mapping ${options.mapping} does not fit the source ${formatTableRef(settings.source)}; nothing was compiled:\n  ${problems.slice(0, 20).join('\n  ')}\nRediscover it against this source (chplan discover --day D --out ${options.mapping}).`,
    );
  }
  const previous = options.previous ?? null;
  const out = options.out ?? defaultPlanDir(settings);
  const { files, manifest } = buildPlan({
    name: basename(out),
    schema,
    mapping,
    settings,
    toolVersion: TOOL_VERSION,
    previous,
  });
  writePlanDir(out, files);
  return { out, files: files.map((f) => f.name), manifest };
}
