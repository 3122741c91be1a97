import type { Engine } from '../../../engine/engine.js';
import { SchemaError } from '../../../core/errors.js';
import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';
import { contentHash } from '../../../plan/manifest.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';

/**
 * A table a materialized view derives from the target, as Langfuse's events_core_mv derives
 * events_core from events_full. Publishing a partition with REPLACE bypasses the view, so the
 * plan rebuilds the derived partition itself with the view's own SELECT over the staged rows.
 */
export interface DerivedTable {
  view: TableRef;
  table: TableRef;
  /** The view's SELECT as the server reports it, and its fingerprint (checked before each run). */
  select: string;
  fingerprint: string;
  /** The same SELECT reading one partition of the target's staging instead of the target. */
  selectOverStaging: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An identifier as the server prints it: in backquotes, or bare. */
const identifier = (name: string) => `(?:${escapeRegExp(quoteIdent(name))}|${escapeRegExp(name)})`;

/**
 * The view's SELECT over one staged partition: its single `FROM <target>` becomes a subquery
 * of staging aliased as the target, so qualified column names still resolve. Refuses a view
 * that reads the target more than once or not by name. Pure.
 */
export function overStaging(view: TableRef, select: string, target: TableRef, staging: TableRef): string {
  const from = new RegExp(`\\bFROM\\s+${identifier(target.database)}\\.${identifier(target.name)}(?![\\w\`])`, 'gi');
  const matches = select.match(from) ?? [];
  if (matches.length !== 1) {
    throw new SchemaError(
      `The materialized view ${formatTableRef(view)} reads ${formatTableRef(target)} ${matches.length === 0 ? 'in a way chplan cannot follow (not as FROM db.table)' : `${matches.length} times`}; ` +
        'chplan rebuilds a derived table only from a view with one FROM of the target. Nothing was compiled. Publish that table yourself after the backfill, or simplify the view.',
    );
  }
  return select.replace(
    from,
    `FROM (SELECT * FROM ${quoteTable(staging)} WHERE _partition_id = {partition_id:String}) AS ${quoteIdent(target.name)}`,
  );
}

/** The materialized views that read `table`, with their SELECT and definition. */
export function viewsReading(
  engine: Engine,
  table: TableRef,
): Promise<{ database: string; name: string; as_select: string; create_table_query: string }[]> {
  return engine.rows(
    `SELECT database, name, as_select, create_table_query FROM system.tables
     WHERE engine = 'MaterializedView'
       AND (database, name) IN (SELECT arrayJoin(arrayZip(dependencies_database, dependencies_table)) FROM system.tables WHERE database = ${quoteString(table.database)} AND name = ${quoteString(table.name)})
     ORDER BY database, name`,
  );
}

/** The materialized view reading the target and the table it writes, or null; more than one is refused. */
export async function findDerived(engine: Engine, target: TableRef, staging: TableRef): Promise<DerivedTable | null> {
  const views = await viewsReading(engine, target);
  if (views.length === 0) return null;
  if (views.length > 1) {
    throw new SchemaError(
      `${views.length} materialized views read ${formatTableRef(target)} (${views.map((v) => `${v.database}.${v.name}`).join(', ')}); chplan rebuilds the table of one view per target. Nothing was compiled.`,
    );
  }
  const v = views[0]!;
  const view = { database: v.database, name: v.name };
  const to = /\bTO\s+(`(?:[^`]|``)+`|[\w]+)\.(`(?:[^`]|``)+`|[\w]+)/.exec(v.create_table_query);
  if (!to)
    throw new SchemaError(
      `The materialized view ${formatTableRef(view)} reads ${formatTableRef(target)} but writes no table named with TO; chplan cannot publish its rows. Nothing was compiled.`,
    );
  const unquote = (s: string) => (s.startsWith('`') ? s.slice(1, -1).replace(/``/g, '`') : s);
  const table = { database: unquote(to[1]!), name: unquote(to[2]!) };
  const [keys] = await engine.rows<{ target: string; derived: string }>(
    `SELECT anyIf(partition_key, name = ${quoteString(target.name)} AND database = ${quoteString(target.database)}) AS target,
            anyIf(partition_key, name = ${quoteString(table.name)} AND database = ${quoteString(table.database)}) AS derived
     FROM system.tables WHERE database IN (${quoteString(target.database)}, ${quoteString(table.database)})`,
  );
  if (keys && keys.target !== keys.derived) {
    throw new SchemaError(
      `${formatTableRef(table)} (written by ${formatTableRef(view)}) is partitioned by ${keys.derived || 'nothing'}, ${formatTableRef(target)} by ${keys.target}; chplan publishes a derived table partition by partition with its source, so they must agree. Nothing was compiled.`,
    );
  }
  return {
    view,
    table,
    select: v.as_select,
    fingerprint: contentHash(v.as_select),
    selectOverStaging: overStaging(view, v.as_select, target, staging),
  };
}
