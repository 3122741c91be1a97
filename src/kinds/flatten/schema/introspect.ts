import { quoteString } from '../../../core/quote.js';
import { SchemaError } from '../../../core/errors.js';
import type { Engine } from '../../../engine/engine.js';
import type { Settings, TableRef } from '../../../config/settings.js';
import { classifyColumns, type Column, type SourceSchema } from './source-schema.js';

/** Reads a table's columns from system.columns, in table order; null when it does not exist. */
export async function tableColumns(engine: Engine, table: TableRef): Promise<Column[] | null> {
  const rows = await engine.rows<Column>(
    `SELECT name, type FROM system.columns WHERE database = ${quoteString(table.database)} AND table = ${quoteString(table.name)} ORDER BY position`,
  );
  return rows.length > 0 ? rows : null;
}

/** Introspects and classifies the configured source table. */
export async function introspectSource(engine: Engine, settings: Settings): Promise<SourceSchema> {
  const table = settings.source;
  const columns = await tableColumns(engine, table);
  if (!columns) {
    const databases = await engine.rows<{ name: string }>('SELECT name FROM system.databases ORDER BY name');
    const hint = databases.some((d) => d.name === table.database)
      ? `Database ${table.database} exists but has no table ${table.name}.`
      : `There is no database ${table.database} (databases: ${databases.map((d) => d.name).join(', ')}).`;
    throw new SchemaError(`Source table ${table.database}.${table.name} not found on ${engine.description}. ${hint} Pass --source db.table, or run \`chplan seed --day D\` to create demo data.`);
  }
  return classifyColumns(table, columns, settings);
}
