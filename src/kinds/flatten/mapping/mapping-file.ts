import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { MappingError } from '../../../core/errors.js';
import { schemaErrors } from '../../../config/validate-json.js';
import { writeFileAtomic } from '../../../core/write-atomic.js';
import type { Mapping } from './mapping.js';
import { mappingProblems } from './check-mapping.js';
import { packagePath } from '../../../core/package-path.js';

const MAPPING_SCHEMA = JSON.parse(readFileSync(packagePath('schemas/mapping.schema.json'), 'utf8')) as object;

/** The exact bytes chplan writes for a mapping: same mapping, same bytes. */
export function serializeMapping(mapping: Mapping): string {
  return `${JSON.stringify(mapping, null, 2)}\n`;
}

/** sha256 of the serialized mapping; recorded as `parent` by evolved mappings and in manifests. */
export function mappingHash(mapping: Mapping): string {
  return createHash('sha256').update(serializeMapping(mapping)).digest('hex');
}

/** Parses and validates mapping JSON text; every problem names the field. */
export function parseMapping(text: string, origin: string): Mapping {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new MappingError(
      `${origin} is not valid JSON: ${(cause as Error).message}. Fix it or regenerate it with \`chplan discover\`.`,
      { cause },
    );
  }
  const errors = schemaErrors(MAPPING_SCHEMA, data);
  if (errors.length > 0) {
    throw new MappingError(
      `${origin} is not a valid mapping:\n  ${errors.slice(0, 10).join('\n  ')}\nSee schemas/mapping.schema.json, or regenerate it with \`chplan discover\`.`,
    );
  }
  const mapping = data as Mapping;
  const problems = mappingProblems(mapping);
  if (problems.length > 0) {
    throw new MappingError(`${origin} is inconsistent:\n  ${problems.slice(0, 10).join('\n  ')}`);
  }
  return mapping;
}

export function readMapping(path: string): Mapping {
  if (!existsSync(path)) {
    throw new MappingError(
      `Mapping file ${path} does not exist. Create it with \`chplan discover --day YYYY-MM-DD --out ${path}\`.`,
    );
  }
  return parseMapping(readFileSync(path, 'utf8'), path);
}

export function writeMapping(path: string, mapping: Mapping): void {
  writeFileAtomic(path, serializeMapping(mapping));
}
