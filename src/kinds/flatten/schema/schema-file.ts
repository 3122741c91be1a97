import { existsSync, readFileSync } from 'node:fs';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { ConfigError } from '../../../core/errors.js';
import { writeFileAtomic } from '../../../core/write-atomic.js';
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
  if (!existsSync(path)) throw new ConfigError(`Schema file ${path} does not exist. Write one with chplan discover --schema-out ${path}.`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`Schema file ${path} is not valid JSON: ${(cause as Error).message}.`, { cause });
  }
  const d = data as { table?: unknown; columns?: unknown; tables?: { source?: TableRef }; source?: { columns?: unknown } };
  const described = typeof d.table === 'string' ? d.table : d.tables?.source ? formatTableRef(d.tables.source) : undefined;
  const columns = d.columns ?? d.source?.columns;
  const valid = Array.isArray(columns) && columns.length > 0 && columns.every((c) => Array.isArray(c) && c.length === 2 && c.every((s) => typeof s === 'string' && s !== ''));
  if (!described || !valid) {
    throw new ConfigError(`Schema file ${path} is neither a source-schema.json ({"table": "db.t", "columns": [["name", "Type"], …]}) nor a plan's manifest.json.`);
  }
  if (described !== formatTableRef(table)) {
    throw new ConfigError(`Schema file ${path} describes ${described}, but the source is ${formatTableRef(table)}. Pass --source ${described} or a schema file of ${formatTableRef(table)}.`);
  }
  return (columns as [string, string][]).map(([name, type]) => ({ name, type }));
}
