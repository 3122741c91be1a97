import { SchemaError } from '../../../core/errors.js';
import type { Engine } from '../../../engine/engine.js';
import type { Settings } from '../../../config/settings.js';
import { classifyColumns, type SourceSchema } from './source-schema.js';
import { tableColumns } from '../../../engine/table-columns.js';

/** Introspects and classifies the configured source table. */
export async function introspectSource(engine: Engine, settings: Settings): Promise<SourceSchema> {
  const table = settings.source;
  const columns = await tableColumns(engine, table);
  if (!columns) {
    const databases = await engine.rows<{ name: string }>('SELECT name FROM system.databases ORDER BY name');
    const hint = databases.some((d) => d.name === table.database)
      ? `Database ${table.database} exists but has no table ${table.name}.`
      : `There is no database ${table.database} (databases: ${databases.map((d) => d.name).join(', ')}).`;
    throw new SchemaError(
      `Source table ${table.database}.${table.name} not found on ${engine.description}. ${hint} Pass --source db.table, or run \`chplan seed --day D\` to create demo data.`,
    );
  }
  return classifyColumns(table, columns, settings);
}
