import { SchemaError } from '../../../core/errors.js';
import { canonicalJson } from '../../../core/canonical-json.js';
import { contentHash } from '../../../plan/manifest.js';
import { quoteString } from '../../../core/quote.js';
import type { Engine } from '../../../engine/engine.js';
import type { SourceColumn, SourceTable } from './sync-steps.js';
import type { SyncSpec, SyncTableSpec } from './spec.js';
import { pgParams, pgRows, pgSource, pgString, throughPg, type PgConnection } from '../../../engine/postgres.js';

/** PostgreSQL types chplan syncs as ClickHouse reads them (timestamps become UTC DateTime64(6)). */
const PLAIN_TYPES = new Set([
  'smallint',
  'integer',
  'bigint',
  'real',
  'double precision',
  'boolean',
  'text',
  'character varying',
  'character',
  'uuid',
  'date',
  'json',
  'jsonb',
]);
const TIMESTAMPS = new Set(['timestamp with time zone', 'timestamp without time zone']);
/** Arrays of these (one dimension) ClickHouse reads as Array(T), element by element. */
const ARRAY_ELEMENTS = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'bool', 'text', 'varchar', 'uuid']);

export interface PgColumn {
  /** The table it belongs to. */
  table_name?: string;
  column_name: string;
  data_type: string;
  /** The element type of an ARRAY, with a leading underscore (`_int4`). */
  udt_name?: string;
  is_nullable: string;
  numeric_precision: number | null;
  /** Of the table the column belongs to: `BASE TABLE` or `VIEW`. */
  table_type?: string;
}

/**
 * Why a column cannot be synced as it is, or null. ClickHouse reads some types only as text
 * (money, interval, inet, …) or as a Decimal too small for them (numeric without precision),
 * which would change values silently. Pure.
 */
export function columnProblem(table: string, column: PgColumn): string | null {
  const where = `${table}.${column.column_name}`;
  if (PLAIN_TYPES.has(column.data_type) || TIMESTAMPS.has(column.data_type)) return null;
  if (column.data_type === 'ARRAY') {
    const element = column.udt_name?.slice(1) ?? '';
    return ARRAY_ELEMENTS.has(element)
      ? null
      : `${where} is an array of ${element}, which ClickHouse would not read exactly (arrays of ${[...ARRAY_ELEMENTS].join(', ')} are synced). Sync a PostgreSQL view that casts it (e.g. to text[]) and name the view in the spec.`;
  }
  if (column.data_type === 'numeric') {
    return column.numeric_precision === null
      ? `${where} is numeric without a precision: ClickHouse would read it as Decimal(38, 19), which rounds values with more than 19 decimals and overflows above 10^19. Declare it numeric(p, s) in PostgreSQL, or sync a view that casts it.`
      : null;
  }
  return `${where} has PostgreSQL type ${column.data_type}, which ClickHouse reads only as text (or not at all), so totals could not be checked. Sync a PostgreSQL view that casts it (e.g. interval → extract(epoch from …), money → numeric(p, s), an array of another element type → text[]) and name the view in the spec.`;
}

/**
 * The problems of one table's spec against its columns (missing, nullable or ill-typed key and cursor columns). Pure.
 */
export function tableProblems(spec: SyncTableSpec, columns: PgColumn[], isView = false): string[] {
  const problems: string[] = [];
  const byName = new Map(columns.map((c) => [c.column_name, c]));
  const need = (name: string, what: string, check?: (c: PgColumn) => string | null) => {
    const column = byName.get(name);
    if (!column)
      return problems.push(
        `${spec.source} has no column ${name} (named as ${what}); it has ${columns.map((c) => c.column_name).join(', ')}`,
      );
    // PostgreSQL reports every column of a view as nullable: a view's key and cursor are taken as the spec declares
    // them, and a NULL key in a load window refuses the load (check_values).
    if (column.is_nullable === 'YES' && !isView)
      problems.push(
        `${spec.source}.${name} (${what}) is nullable: ${what === 'cursor' ? 'a row whose cursor is NULL would never be loaded' : 'ClickHouse keys cannot hold NULL'}. Declare it NOT NULL in PostgreSQL, or name another column.`,
      );
    const problem = check?.(column);
    if (problem) problems.push(problem);
  };
  for (const key of spec.primaryKey) need(key, 'primary key');
  need(spec.cursor, 'cursor', (c) =>
    TIMESTAMPS.has(c.data_type)
      ? null
      : `${spec.source}.${spec.cursor} (cursor) is ${c.data_type}; a cursor must be a timestamp that grows with every insert${spec.role === 'dimension' ? ' and update' : ''} (e.g. inserted_at, updated_at set by a trigger).`,
  );
  if (spec.role === 'fact') {
    need(spec.partitionBy, 'partitionBy', (c) =>
      TIMESTAMPS.has(c.data_type) || c.data_type === 'date'
        ? null
        : `${spec.source}.${spec.partitionBy} (partitionBy) is ${c.data_type}; the month partition needs a timestamp or date column.`,
    );
    for (const column of spec.orderBy) need(column, 'orderBy');
  }
  // ClickHouse writes PostgreSQL names in double quotes with backslash escapes, which PostgreSQL does not read.
  const unquotable = (name: string) => /["\\]/.test(name);
  if (unquotable(spec.source))
    problems.push(
      `table ${JSON.stringify(spec.source)} has a double quote or backslash in its name, which ClickHouse's PostgreSQL reader cannot quote; sync a view with a plain name.`,
    );
  for (const column of columns) {
    if (unquotable(column.column_name))
      problems.push(
        `${spec.source}.${JSON.stringify(column.column_name)} has a double quote or backslash in its name, which ClickHouse's PostgreSQL reader cannot quote (the load would fail); sync a view that renames it.`,
      );
    if (column.column_name === '_deleted' || column.column_name === '_version')
      problems.push(
        `${spec.source} has a column named ${column.column_name}, which chplan reserves for its dimensions' tombstones and versions; sync a view that renames it.`,
      );
    const problem = columnProblem(spec.source, column);
    if (problem) problems.push(problem);
  }
  return problems;
}

/**
 * What PostgreSQL's information_schema says of every source table's columns, in one query: names, types (with
 * precision, scale, length), nullability, table or view.
 */
export function sourceColumns(
  engine: Engine,
  spec: SyncSpec,
  pg: PgConnection,
  collection: string,
): Promise<PgColumn[]> {
  const names = spec.tables.map((t) => pgString(t.source)).join(', ');
  return pgRows<PgColumn>(
    engine,
    collection,
    pg,
    `SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.udt_name::text, c.is_nullable::text, c.numeric_precision::int, c.numeric_scale::int, c.character_maximum_length::int, c.datetime_precision::int, t.table_type::text FROM information_schema.columns AS c JOIN information_schema.tables AS t USING (table_schema, table_name) WHERE c.table_schema = ${pgString(spec.source.schema)} AND c.table_name IN (${names}) ORDER BY c.table_name, c.ordinal_position`,
    'introspect',
  );
}

/** A fingerprint of sourceColumns' answer: equal while no source column was added, dropped or retyped. Pure. */
export function columnsFingerprint(columns: PgColumn[]): string {
  return contentHash(canonicalJson(columns));
}

/**
 * Reads each source table's columns from PostgreSQL through the named collection: ClickHouse's
 * own reading of the types, and information_schema for nullability and PostgreSQL's types
 * (`known`: sourceColumns' answer, when already asked). Refuses, with every problem listed, a spec
 * the tables cannot satisfy.
 */
export async function introspectSources(
  engine: Engine,
  spec: SyncSpec,
  pg: PgConnection,
  collection: string,
  known?: PgColumn[],
): Promise<SourceTable[]> {
  const tables: SourceTable[] = [];
  const problems: string[] = [];
  const all = known ?? (await sourceColumns(engine, spec, pg, collection));
  for (const table of spec.tables) {
    const info = all.filter((c) => c.table_name === table.source);
    if (info.length === 0) {
      problems.push(`PostgreSQL has no table ${spec.source.schema}.${table.source} (or the user cannot see it)`);
      continue;
    }
    const isView = info[0]!.table_type === 'VIEW';
    const tableIssues = tableProblems(table, info, isView);
    problems.push(...tableIssues);
    if (tableIssues.length > 0) continue;
    const described = await throughPg(pg, () =>
      engine.rows<{ name: string; type: string }>(
        `DESCRIBE TABLE ${pgSource(`table = ${quoteString(table.source)}`)}`,
        { step: 'introspect', params: pgParams(collection, pg) },
      ),
    );
    const chType = new Map(described.map((d) => [d.name, d.type]));
    const columns: SourceColumn[] = info.map((c) => {
      // A view's key and cursor hold no NULL by the spec's word; check_values refuses a NULL key when one comes.
      const keyOfView = isView && table.primaryKey.includes(c.column_name);
      const nullable = c.is_nullable === 'YES' && !keyOfView && !(isView && c.column_name === table.cursor);
      const base = TIMESTAMPS.has(c.data_type)
        ? "DateTime64(6, 'UTC')"
        : chType.get(c.column_name)!.replace(/^Nullable\((.*)\)$/, '$1');
      // ClickHouse has no Nullable(Array): a NULL array would read as empty, so its load is refused (check_values).
      if (c.data_type === 'ARRAY')
        return { name: c.column_name, type: base, pgType: `${c.udt_name!.slice(1)}[]`, nullable };
      return {
        name: c.column_name,
        type: nullable ? `Nullable(${base})` : base,
        pgType: c.data_type,
        nullable,
        ...(keyOfView ? { keyOfView } : {}),
      };
    });
    tables.push({ spec: table, columns });
  }
  if (problems.length > 0) {
    throw new SchemaError(
      `The sync spec does not fit the PostgreSQL tables; nothing was compiled or loaded:\n  ${problems.join('\n  ')}`,
    );
  }
  return tables;
}
