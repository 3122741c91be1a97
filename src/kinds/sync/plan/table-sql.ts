import { quoteIdent, quoteString } from '../../../core/quote.js';
import { pgIdent, pgString } from '../../../engine/postgres.js';
import { columnCheck, valueHazard } from './column-checks.js';
import {
  changedRows,
  cursorWindow,
  pgTableName,
  queryLines,
  shardCondition,
  shownQuery,
  withRunValues,
} from './pg-queries.js';
import type { SyncSpec } from './spec.js';
import { tableStep, tablesOf, type AddSyncStatement, type SourceTable } from './sync-steps.js';

/**
 * Adds a table's statements: its target and staging, the bound, checks and load of a run's window, the merge or swap
 * that publishes it, the reconcile of deletes, and its validation against PostgreSQL.
 */
export function addTableStatements(spec: SyncSpec, { spec: table, columns }: SourceTable, add: AddSyncStatement): void {
  const collection = spec.source.collection;
  const pgTable = (source: string) => pgTableName(spec, source);
  const { target, staging, distributed } = tablesOf(spec.database, table);
  const dir = table.source;
  const dimension = table.role === 'dimension';
  const cluster = spec.cluster?.name ?? null;
  // On a cluster, each shard is sent only its rows of a sharded table: every read of them carries the condition.
  const sharded = spec.cluster !== null && table.sharded;
  const mine = sharded ? shardCondition(table.primaryKey, spec.cluster!.shards) : null;
  const allOf = (...conditions: (string | null)[]) => {
    const all = conditions.filter((c): c is string => c !== null);
    return all.map((c) => (all.length > 1 ? `(${c})` : c)).join(' AND ');
  };
  const where = (...conditions: (string | null)[]) => {
    const all = allOf(...conditions);
    return all === '' ? '' : ` WHERE ${all}`;
  };
  const keysOnly = `SELECT ${table.primaryKey.map(pgIdent).join(', ')} FROM ${pgTable(table.source)}`;
  const common = {
    cluster,
    sharded,
    transactions: table.capture === 'transactions',
    keysQuery: mine ? withRunValues(`${keysOnly}${where(mine)}`) : null,
    source: table.source,
    targetName: table.target,
    target,
    staging,
    collection,
    cursor: table.cursor,
    dimension,
    columnList: columns.map((c) => quoteIdent(c.name)).join(', '),
    keyList: table.primaryKey.map(quoteIdent).join(', '),
  };
  const file = (n: string, name: string) => `${dir}/${n}_${name}.sql`;
  // A table captured by transactions is read through a query (ClickHouse's table reader cannot see xmin), and so is a
  // sharded one (the shard is computed by PostgreSQL).
  const byQuery = (select: string) =>
    table.capture === 'transactions' || mine ? withRunValues(`${select}${where(changedRows(table), mine)}`) : null;
  const layout = {
    columns,
    orderBy: dimension ? common.keyList : table.orderBy.map(quoteIdent).join(', '),
    partitionBy: table.partitionBy,
  };
  // Rows of a transaction still open now become visible when it commits, stamped (by now() or a
  // trigger) no earlier than the transaction's start: the watermark must not pass that start.
  const boundQuery = [
    `SELECT max(${pgIdent(table.cursor)}) AS hi, current_setting('TimeZone') AS tz, pg_current_snapshot()::text AS snapshot,`,
    '       (SELECT min(xact_start) FROM pg_stat_activity',
    "        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND xact_start IS NOT NULL) AS open_since,",
    "       (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state IS NULL) AS hidden",
    `FROM ${pgTable(table.source)}`,
  ].join('\n');
  add({
    step: tableStep(table, 'source_bound'),
    file: file('04', 'source_bound'),
    role: "the run's fixed upper bound (max(cursor)) and the start of the oldest transaction still open in PostgreSQL",
    template: 'source_bound',
    fields: { ...common, query: boundQuery, queryLines: queryLines(boundQuery) },
  });
  add({
    step: tableStep(table, 'count_window'),
    file: file('04', 'count_window'),
    role: 'rows in a load window (dry run)',
    template: 'count_window',
    fields: { ...common, query: byQuery(`SELECT 1 AS one FROM ${pgTable(table.source)}`) },
  });
  if (dimension) {
    add({
      step: tableStep(table, 'create_target'),
      file: file('01', 'create_target'),
      role: 'dimension DDL: ReplacingMergeTree by key, version = cursor',
      template: 'create_dimension',
      fields: { ...common, ...layout },
    });
  } else {
    add({
      step: tableStep(table, 'create_target'),
      file: file('01', 'create_target'),
      role: 'fact DDL: MergeTree partitioned by month',
      template: 'create_fact',
      fields: { ...common, ...layout, mergeFile: file('06', 'merge') },
    });
  }
  add({
    step: tableStep(table, 'drop_staging'),
    file: file('02', 'drop_staging'),
    role: 'drops staging before a load',
    template: 'drop_staging',
    fields: common,
  });
  add({
    step: tableStep(table, 'create_staging'),
    file: file('02', 'create_staging'),
    role: "staging with the plan's structure, made anew before every load",
    template: 'create_staging',
    fields: { ...common, ...layout, dropFile: file('02', 'drop_staging') },
  });
  add({
    step: tableStep(table, 'clear_staging'),
    file: file('03', 'clear_staging'),
    role: 'empties staging before a load',
    template: 'clear_staging',
    fields: common,
  });
  const hazards = columns.flatMap((c) => {
    const h = valueHazard(c);
    return h ? [{ ...h, column: c.name }] : [];
  });
  if (hazards.length > 0) {
    // Each column's answer is its count and what it means ('2 dates before 1900 …'): a name can hold 63 bytes only.
    const before = `SELECT ${hazards.map((h) => `(count(*) FILTER (WHERE ${h.condition}))::text || ' ' || ${pgString(h.what)} AS ${pgIdent(h.column)}`).join(', ')} FROM ${pgTable(table.source)} WHERE `;
    add({
      step: tableStep(table, 'check_values'),
      file: file('05', 'check_values'),
      role: 'values in the load window that ClickHouse would clamp or could not read, counted by PostgreSQL: any refuses the load',
      template: 'check_values',
      fields: {
        ...common,
        query: withRunValues(`${before}${allOf(changedRows(table), mine)}`),
        hazards,
      },
    });
  }
  add({
    step: tableStep(table, 'load'),
    file: file('05', 'load'),
    role: 'THE load: PostgreSQL rows with cursor in (lo, hi] into staging, pulled by ClickHouse',
    template: 'load',
    fields: {
      ...common,
      query: byQuery(`SELECT ${columns.map((c) => pgIdent(c.name)).join(', ')} FROM ${pgTable(table.source)}`),
    },
  });
  if (!dimension) {
    add({
      step: tableStep(table, 'count_moved'),
      file: file('06', 'count_moved'),
      role: 'facts whose cursor moved since they were loaded (re-stamped by an upsert or UPDATE)',
      template: 'count_moved',
      fields: common,
    });
    add({
      step: tableStep(table, 'delete_moved'),
      file: file('06', 'delete_moved'),
      role: 'deletes the earlier row of each such fact, so the merge inserts the new one (never twice)',
      template: 'delete_moved',
      fields: common,
    });
  }
  add({
    step: tableStep(table, 'merge'),
    file: file('06', 'merge'),
    role: dimension
      ? 'publishes staged versions into the ReplacingMergeTree'
      : 'publishes staged rows the target lacks: each row exactly once',
    template: dimension ? 'merge_dimension' : 'merge_fact',
    fields: common,
  });
  if (!cluster)
    add({
      step: tableStep(table, 'swap'),
      file: file('07', 'swap'),
      role: 'full refresh: swaps the completely loaded staging with the target, atomically',
      template: 'swap',
      fields: common,
    });
  else {
    add({
      step: tableStep(table, 'replace_partition'),
      file: file('07', 'replace_partition'),
      role: 'cluster: a full refresh or first load publishes staging partition by partition into the replicated target',
      template: 'replace_partition',
      fields: common,
    });
    add({
      step: tableStep(table, 'drop_partition'),
      file: file('07', 'drop_partition'),
      role: "cluster: a full refresh drops the target's partitions staging does not have",
      template: 'drop_partition',
      fields: common,
    });
    if (sharded)
      add({
        step: tableStep(table, 'create_distributed'),
        file: file('01', 'create_distributed'),
        role: "cluster: Distributed table over every shard's rows (the KPI views read it)",
        template: 'create_distributed',
        fields: { ...common, distributed },
      });
  }
  add({
    step: tableStep(table, 'missing_in_source'),
    file: file('08', 'missing_in_source'),
    role: 'keys deleted in PostgreSQL (validation, reconcile)',
    template: 'missing_in_source',
    fields: common,
  });
  add({
    step: tableStep(table, 'reconcile'),
    file: file('09', 'reconcile'),
    role: dimension
      ? 'reconcile: tombstones for rows deleted in PostgreSQL'
      : 'reconcile: deletes rows deleted in PostgreSQL',
    template: dimension ? 'reconcile_dimension' : 'reconcile_fact',
    fields: common,
  });
  add({
    step: tableStep(table, 'missing_in_target'),
    file: file('10', 'missing_in_target'),
    role: 'keys PostgreSQL holds that the target lacks (validation)',
    template: 'missing_in_target',
    fields: common,
  });
  // The window's keys, with the window sent to PostgreSQL as text when the keys are read through a query.
  const windowKeysQuery = mine ? withRunValues(`${keysOnly}${where(cursorWindow(table.cursor), mine)}`) : null;
  const monthColumn = dimension ? table.cursor : table.partitionBy;
  const checks = columns.flatMap((c, i) => columnCheck(c, i));
  // Per month over the whole table; a window's rows as one total (grouping them by month made PostgreSQL's part of
  // a routine validation 3.4 times slower on 400,000 rows).
  const totalsQuery = (filter: string, perMonth = true) =>
    [
      `SELECT ${perMonth ? `to_char(${pgIdent(monthColumn)}, 'YYYYMM')` : "'window'"} AS m, count(*)::text AS n${checks.map((c) => `,\n       ${c.postgres} AS ${c.alias}`).join('')}`,
      `FROM ${pgTable(table.source)}`,
      ...(filter ? [filter.trim()] : []),
      perMonth ? 'GROUP BY 1' : 'HAVING count(*) > 0',
    ].join('\n');
  const pgQuery = totalsQuery(where(mine));
  add({
    step: tableStep(table, 'validate_clickhouse'),
    file: file('11', 'validate_clickhouse'),
    role: 'validation: rows and totals per month in ClickHouse',
    template: 'validate_clickhouse',
    fields: { ...common, monthColumn, checks },
  });
  add({
    step: tableStep(table, 'validate_postgres'),
    file: file('12', 'validate_postgres'),
    role: 'validation: the same totals computed by PostgreSQL',
    template: 'validate_postgres',
    fields: {
      ...common,
      checks,
      query: mine ? withRunValues(pgQuery) : quoteString(pgQuery),
      queryLines: shownQuery(pgQuery),
    },
  });
  add({
    step: tableStep(table, 'missing_in_target_window'),
    file: file('13', 'missing_in_target_window'),
    role: "window validation: keys of the run's window (lo, hi] that the target lacks",
    template: 'missing_in_target',
    fields: { ...common, keysQuery: windowKeysQuery, window: true },
  });
  add({
    step: tableStep(table, 'validate_window_clickhouse'),
    file: file('14', 'validate_window_clickhouse'),
    role: "window validation: rows and totals per month in ClickHouse, of rows whose cursor is in the run's window",
    template: 'validate_clickhouse',
    fields: { ...common, monthColumn, checks, window: true },
  });
  const windowQuery = totalsQuery(where(cursorWindow(table.cursor), mine), false);
  add({
    step: tableStep(table, 'validate_window_postgres'),
    file: file('15', 'validate_window_postgres'),
    role: 'window validation: the same totals computed by PostgreSQL',
    template: 'validate_postgres',
    fields: {
      ...common,
      checks,
      window: true,
      query: withRunValues(windowQuery),
      queryLines: shownQuery(windowQuery),
    },
  });
}
