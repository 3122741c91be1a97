import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';
import type { TableRef } from '../../../config/settings.js';
import { fillTableReferences } from '../../../core/table-references.js';
import type { StreamSpec, StreamTable } from './spec.js';

/** Every table the chain is made of. Pure. */
export function chainTables(spec: Pick<StreamSpec, 'database' | 'name'>) {
  const t = (name: string): TableRef => ({ database: spec.database, name });
  return {
    landing: t(`${spec.name}_landing`),
    deadLetter: t(`${spec.name}_dead_letter`),
    parsedLog: t(`${spec.name}_parsed_log`),
    truncations: t(`${spec.name}_truncations`),
    /** What a replay's own staging table is named after: `<name>_replay_<replay id>`, in the chain's database. */
    replay: t(`${spec.name}_replay`),
    classified: t(`${spec.name}_classified`),
    kafka: t(`${spec.name}_kafka`),
    /** On a cluster: the Distributed table messages land through, routed by key. */
    route: t(`${spec.name}_landing_route`),
    table: t,
    /** On a cluster: a table of every shard, read as one (`<name>_all`). */
    all: (name: string) => t(`${name}_all`),
    staging: (aggregate: string) => t(`${aggregate}__staging`),
  };
}

export type ChainTables = ReturnType<typeof chainTables>;

export function kafkaCollection(spec: Pick<StreamSpec, 'name'>): string {
  return `chplan_kafka_${spec.name}`;
}

export function pgCollection(spec: Pick<StreamSpec, 'name'>): string {
  return `chplan_pg_${spec.name}`;
}

/**
 * A table of the chain as the whole chain reads it: on a cluster, every shard's (`<name>_all`), else itself. Pure.
 */
export function readable(spec: Pick<StreamSpec, 'database' | 'name' | 'cluster'>, table: TableRef): TableRef {
  return spec.cluster ? chainTables(spec).all(table.name) : table;
}

/**
 * The version of the last truncate of a table's source (0 when it was never truncated), as a scalar subquery; on a
 * cluster over every shard's truncations (a truncate lands on one shard and empties the table on all). Pure.
 */
export function lastTruncate(spec: Pick<StreamSpec, 'database' | 'name' | 'cluster'>, table: StreamTable): string {
  return `(SELECT max(version) FROM ${quoteTable(readable(spec, chainTables(spec).truncations))} WHERE source_table = ${quoteString(table.source)})`;
}

/**
 * The rows of a processed table that are its latest state (read with FINAL): not deleted, and newer than the
 * table's last truncate. Pure.
 */
export function liveCondition(spec: Pick<StreamSpec, 'database' | 'name' | 'cluster'>, table: StreamTable): string {
  return `\`_deleted\` = 0 AND \`_version\` > ${lastTruncate(spec, table)}`;
}

/**
 * An aggregate's SELECT with its references filled: a processed table is its latest state
 * (FINAL, deletes left out), an aggregate its table; `:window` keeps only the rows of the day
 * being rebuilt (bound as chunk_start / chunk_end). On a cluster every reference reads every shard
 * (`<name>_all`): a processed table is sharded by its key, and FINAL on each shard is the latest
 * state since a key's versions all meet there. Pure.
 */
export function resolveSelect(spec: StreamSpec, sql: string, options: { windowed: boolean }): string {
  const tables = chainTables(spec);
  return fillTableReferences(sql, (name, window) => {
    const processed = spec.tables.find((t) => t.name === name);
    const time = processed ? processed.time : spec.aggregates.find((a) => a.name === name)!.time;
    const filter =
      window && options.windowed && time !== undefined
        ? `${quoteIdent(time)} >= {chunk_start:DateTime64(3, 'UTC')} AND ${quoteIdent(time)} < {chunk_end:DateTime64(3, 'UTC')}`
        : null;
    const where = [processed ? liveCondition(spec, processed) : null, filter].filter((c) => c !== null);
    const table = quoteTable(readable(spec, tables.table(name)));
    if (where.length === 0) return table;
    return `(SELECT * FROM ${table}${processed ? ' FINAL' : ''} WHERE ${where.join(' AND ')})`;
  }).trim();
}
