import { existsSync, readFileSync } from 'node:fs';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { ConfigError } from '../../../core/errors.js';
import { writeFileAtomic } from '../../../core/write-atomic.js';
import { shippedSchemaErrors } from '../../../config/validate-json.js';
import type { Column } from './source-schema.js';

/** source-schema.json: a table's columns, so a plan can be compiled without a connection. */
export interface SchemaFile {
  table: string;
  columns: [string, string][];
}

export function writeSchemaFile(path: string, table: TableRef, columns: Column[]): void {
  const file: SchemaFile = { table: formatTableRef(table), columns: columns.map((c) => [c.name, c.type]) };
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * The source's columns from a source-schema.json or from a plan's manifest.json, checked
 * to describe `table`. Throws a ConfigError that says what to do.
 */
export function readSchemaFile(path: string, table: TableRef): Column[] {
  if (!existsSync(path))
    throw new ConfigError(`Schema file ${path} does not exist. Write one with chplan discover --schema-out ${path}.`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`Schema file ${path} is not valid JSON: ${(cause as Error).message}.`, { cause });
  }
  // A plan's manifest.json carries the source's columns too; anything else must be a source-schema.json.
  const manifest =
    shippedSchemaErrors('manifest', data).length === 0
      ? (data as { tables: { source?: TableRef }; source?: { columns?: unknown } })
      : null;
  const file = manifest ? null : (data as SchemaFile);
  const problems = manifest ? [] : shippedSchemaErrors('source-schema', data);
  if (problems.length > 0 || (manifest && (!manifest.tables.source || !Array.isArray(manifest.source?.columns)))) {
    throw new ConfigError(
      `Schema file ${path} is neither a source-schema.json (schemas/source-schema.schema.json${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}) nor a plan's manifest.json. Write one with chplan discover --schema-out ${path}.`,
    );
  }
  const described = manifest ? formatTableRef(manifest.tables.source!) : file!.table;
  const columns = manifest ? (manifest.source!.columns as [string, string][]) : file!.columns;
  if (described !== formatTableRef(table)) {
    throw new ConfigError(
      `Schema file ${path} describes ${described}, but the source is ${formatTableRef(table)}. Pass --source ${described} or a schema file of ${formatTableRef(table)}.`,
    );
  }
  return (columns as [string, string][]).map(([name, type]) => ({ name, type }));
}
