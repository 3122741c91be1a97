import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';
import type { TableRef } from '../../../config/settings.js';
import { numberInOrder } from '../../../plan/plan-dir.js';
import { renderStep, type Statement } from '../../../render/render.js';
import { pgIdent, pgString } from '../../../engine/postgres.js';
import { fillTableReferences } from '../../../core/table-references.js';
import { withDefinition, type PlannedObject } from '../../../plan/definition.js';
import type { KpiSpec, SyncSpec, SyncTableSpec } from './spec.js';

/** A source column as compile sees it: ClickHouse's type for it and PostgreSQL's own. */
export interface SourceColumn {
  name: string;
  /** The target column's ClickHouse type. */
  type: string;
  /** information_schema data_type, e.g. `timestamp with time zone`; an array's element type and [], e.g. `int4[]`. */
  pgType: string;
  nullable: boolean;
  /** A key column of a view, which PostgreSQL reports as nullable whatever the view: a NULL refuses the load. */
  keyOfView?: boolean;
}

export interface SourceTable {
  spec: SyncTableSpec;
  columns: SourceColumn[];
}

/** One statement of a sync plan: its step (what the runner asks for), file and role. */
export interface SyncStatement {
  step: string;
  file: string;
  role: string;
  sql: string;
  /** A KPI view, with the COMMENT naming its definition. */
  object?: PlannedObject;
}

/** The ClickHouse table names a table spec gives rise to (on a cluster, `distributed` reads every shard's). Pure. */
export function tablesOf(
  database: string,
  table: Pick<SyncTableSpec, 'target'>,
): { target: TableRef; staging: TableRef; distributed: TableRef } {
  return {
    target: { database, name: table.target },
    staging: { database, name: `${table.target}__staging` },
    distributed: { database, name: `${table.target}_all` },
  };
}

/** A table's statements, in the order a run uses them. */
export type TableStep =
  | 'source_bound'
  | 'count_window'
  | 'check_values'
  | 'create_target'
  | 'drop_staging'
  | 'create_staging'
  | 'clear_staging'
  | 'load'
  | 'count_moved'
  | 'delete_moved'
  | 'merge'
  | 'swap'
  | 'replace_partition'
  | 'drop_partition'
  | 'create_distributed'
  | 'missing_in_source'
  | 'reconcile'
  | 'missing_in_target'
  | 'validate_clickhouse'
  | 'validate_postgres'
  | 'missing_in_target_window'
  | 'validate_window_clickhouse'
  | 'validate_window_postgres';

/** A KPI's statements. */
export type KpiStep =
  | 'create'
  | 'refresh'
  | 'wait'
  | 'read'
  | 'postgres'
  | 'drop_next'
  | 'create_next'
  | 'refresh_next'
  | 'wait_next'
  | 'swap';

/** The templates (templates/sync, templates/common) a sync plan is rendered from. */
type SyncTemplate =
  | 'check_values'
  | 'create_database'
  | 'create_ledger'
  | 'migrate_ledger'
  | 'append_ledger'
  | 'create_dimension'
  | 'create_fact'
  | 'drop_staging'
  | 'create_staging'
  | 'clear_staging'
  | 'source_bound'
  | 'count_window'
  | 'load'
  | 'count_moved'
  | 'delete_moved'
  | 'merge_dimension'
  | 'merge_fact'
  | 'swap'
  | 'replace_partition'
  | 'drop_partition'
  | 'create_distributed'
  | 'missing_in_source'
  | 'reconcile_dimension'
  | 'reconcile_fact'
  | 'missing_in_target'
  | 'validate_clickhouse'
  | 'validate_postgres'
  | 'create_kpi'
  | 'refresh_kpi'
  | 'wait_kpi'
  | 'read_kpi'
  | 'kpi_postgres'
  | 'drop_kpi'
  | 'exchange_kpi';

/** The step name of a table's statement: `impressions.load`. */
export function tableStep(table: SyncTableSpec | string, type: TableStep): string {
  return `${typeof table === 'string' ? table : table.source}.${type}`;
}

/** Where a KPI's changed definition is built before it is swapped in. */
export function kpiNextName(name: string): string {
  return `${name}__chplan_next`;
}

export function kpiStep(kpi: KpiSpec | string, type: KpiStep): string {
  return `kpi.${typeof kpi === 'string' ? kpi : kpi.name}.${type}`;
}

const TIMESTAMP = /^timestamp/;

export interface ColumnCheck {
  alias: string;
  label: string;
  clickhouse: string;
  postgres: string;
  /** Floating-point sums depend on the order of addition: compared with a relative tolerance. */
  approximate: boolean;
}

/**
 * What of a column's values ClickHouse's PostgreSQL reader would not read exactly, as a PostgreSQL condition with what
 * it means, or null: dates and timestamps outside 1900–2299 (Date32 and DateTime64 clamp them silently: 1899-12-31
 * becomes 1970-01-01) including ±infinity, and subnormal floats (which it cannot parse: the load would abort). Pure.
 */
export function valueHazard(column: SourceColumn): { condition: string; what: string } | null {
  const hazard = typeHazard(column);
  if (!column.keyOfView) return hazard;
  const c = pgIdent(column.name);
  return {
    condition: hazard ? `${c} IS NULL OR ${hazard.condition}` : `${c} IS NULL`,
    what: `NULL keys (a view's key, taken as the spec declares it)${hazard ? ` or ${hazard.what}` : ''}`,
  };
}

function typeHazard(column: SourceColumn): { condition: string; what: string } | null {
  const c = pgIdent(column.name);
  const t = column.pgType;
  if (t === 'date')
    return {
      condition: `${c} < date '1900-01-01' OR ${c} > date '2299-12-31'`,
      what: 'dates before 1900 or after 2299 (or ±infinity)',
    };
  if (TIMESTAMP.test(t))
    return {
      condition: `${c} < '1900-01-01 00:00:00+00' OR ${c} >= '2300-01-01 00:00:00+00'`,
      what: 'timestamps before 1900 or after 2299 (or ±infinity)',
    };
  if (t.endsWith('[]'))
    return column.nullable
      ? {
          condition: `${c} IS NULL OR array_ndims(${c}) > 1`,
          what: 'NULL arrays (ClickHouse reads them as empty) or arrays of more than one dimension',
        }
      : {
          // ClickHouse reads the elements of a NOT NULL array column as non-NULL: a NULL element would become 0 or ''.
          condition: `array_ndims(${c}) > 1 OR array_position(${c}, NULL) IS NOT NULL`,
          what: 'arrays of more than one dimension, or with a NULL element (read as 0 or an empty string)',
        };
  const smallest = t === 'real' ? '1.17549435e-38' : t === 'double precision' ? '2.2250738585072014e-308' : null;
  if (smallest)
    return { condition: `${c} <> 0 AND abs(${c}) < ${smallest}`, what: 'subnormal floats (such as 5e-324)' };
  return null;
}

/** The validation totals of a column, as both engines compute them (none for uuid). Pure. */
export function columnCheck(column: SourceColumn, index: number): ColumnCheck[] {
  // Qualified, so a column named like an alias of the query (m, n, c0) is still the column.
  const ch = `src.${quoteIdent(column.name)}`;
  const pg = pgIdent(column.name);
  const alias = `c${index}`;
  const checks: ColumnCheck[] = [];
  const add = (check: Omit<ColumnCheck, 'alias' | 'approximate'> & { approximate?: boolean }, suffix = '') =>
    checks.push({ alias: `${alias}${suffix}`, approximate: false, ...check });
  const t = column.pgType;
  if (['smallint', 'integer', 'bigint'].includes(t)) {
    add({ label: `sum(${column.name})`, clickhouse: `sum(toInt128(${ch}))`, postgres: `sum(${pg})::text` });
  } else if (t === 'numeric') {
    add({ label: `sum(${column.name})`, clickhouse: `sum(${ch})`, postgres: `sum(${pg})::text` });
  } else if (t === 'real' || t === 'double precision') {
    add({
      label: `sum(${column.name})`,
      clickhouse: `sum(toFloat64(${ch}))`,
      postgres: `sum(${pg}::float8)::text`,
      approximate: true,
    });
  } else if (t === 'boolean') {
    add({
      label: `count(${column.name} is true)`,
      clickhouse: `countIf(${ch} = 1)`,
      postgres: `count(*) filter (where ${pg})::text`,
    });
  } else if (TIMESTAMP.test(t)) {
    add({
      label: `sum of ${column.name} in µs`,
      clickhouse: `sum(toInt128(toUnixTimestamp64Micro(${ch})))`,
      postgres: `sum(round(extract(epoch from ${pg}) * 1000000))::text`,
    });
  } else if (t === 'date') {
    add({
      label: `sum of ${column.name} in days`,
      clickhouse: `sum(toInt64(toInt32(${ch})))`,
      postgres: `sum(${pg} - date '1970-01-01')::text`,
    });
  } else if (t.endsWith('[]')) {
    add({
      label: `elements of ${column.name}`,
      clickhouse: `sum(length(${ch}))`,
      postgres: `sum(cardinality(${pg}))::text`,
    });
    add(
      {
        label: `NULL elements of ${column.name}`,
        clickhouse: `sum(arrayCount(x -> isNull(x), ${ch}))`,
        postgres: `sum(cardinality(${pg}) - cardinality(array_remove(${pg}, NULL)))::text`,
      },
      'n',
    );
    return checks;
  } else if (t === 'character') {
    // char(n) is blank-padded: ClickHouse holds PostgreSQL's padded output, whose trailing blanks PostgreSQL's own
    // char_length ignores, as it does here.
    add({
      label: `characters of ${column.name} (without trailing blanks)`,
      clickhouse: `sum(lengthUTF8(trimRight(${ch})))`,
      postgres: `sum(char_length(${pg}))::text`,
    });
  } else if (['text', 'character varying', 'json', 'jsonb'].includes(t)) {
    add({
      label: `characters of ${column.name}`,
      clickhouse: `sum(lengthUTF8(${ch}))`,
      postgres: `sum(char_length(${pg}::text))::text`,
    });
  }
  if (column.nullable)
    add({ label: `non-NULL ${column.name}`, clickhouse: `count(${ch})`, postgres: `count(${pg})::text` }, 'n');
  return checks;
}

function queryLines(query: string): string[] {
  return query.split('\n');
}

/** Where a run's values go in PostgreSQL query text (no identifier or literal can hold the control character). */
const LO = '\u0001lo\u0001';
const HI = '\u0001hi\u0001';
const SINCE = '\u0001since\u0001';
const SHARD = '\u0001shard\u0001';

/**
 * PostgreSQL query text with the run's values written in where LO, HI and SINCE stand. A table function's arguments
 * take no query parameters, but constant expressions of them: the bounds are DateTime64 parameters, so only a
 * timestamp can be written there, and a snapshot that is not one becomes text PostgreSQL refuses.
 */
function withRunValues(text: string): string {
  const value: Record<string, string> = {
    [LO]: "toString({lo:DateTime64(6, 'UTC')})",
    [HI]: "toString({hi:DateTime64(6, 'UTC')})",
    [SINCE]: "if(match({since:String}, '^[0-9]+:[0-9]+:[0-9,]*$'), {since:String}, 'not a snapshot')",
    [SHARD]: 'toString({shard:UInt32})',
  };
  const parts = text.split(/(\u0001(?:lo|hi|since|shard)\u0001)/);
  return `concat(${parts.map((part, i) => (i % 2 === 1 ? value[part] : quoteString(part))).join(', ')})`;
}

/** The PostgreSQL condition on a cursor in the run's window (lo, hi]. */
function cursorWindow(cursor: string): string {
  const c = pgIdent(cursor);
  return `${c} > '${LO}+00' AND ${c} <= '${HI}+00'`;
}

/**
 * PostgreSQL SQL widening a 32-bit transaction id (`xmin`, as bigint) to the 64-bit id pg_visible_in_snapshot takes,
 * with the epoch of `next` (PostgreSQL's next 64-bit id): one epoch back when the id is greater than next's low half
 * (it was assigned before the counter wrapped); never below 3, the first normal id (older than any snapshot).
 */
export function widenedXid(next: string, xmin: string): string {
  return `greatest((((${next} >> 32) - ((${xmin} > (${next} & 4294967295))::int)) << 32) | ${xmin}, 3)`;
}

/**
 * The PostgreSQL condition on the rows a load of `table` reads: its cursor in the window (lo, hi]; for a table captured
 * by transactions, also every row whose writing transaction the previous load's snapshot (`since`) does not see.
 */
export function changedRows(table: Pick<SyncTableSpec, 'cursor' | 'capture'>): string {
  const window = cursorWindow(table.cursor);
  if (table.capture !== 'transactions') return window;
  const xid8 = `${widenedXid('(SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint)', 'xmin::text::bigint')}::text::xid8`;
  return `(${window}) OR NOT pg_visible_in_snapshot(${xid8}, '${SINCE}'::pg_snapshot)`;
}

/**
 * The PostgreSQL condition on the rows of a sharded table that belong to the run's shard (0-based, of `shards`): a
 * hash of the key computed by PostgreSQL, so each shard is sent only its rows. `hashtextextended` is stable across
 * PostgreSQL versions and platforms (it backs hash partitioning). Pure.
 */
export function shardCondition(primaryKey: string[], shards: number): string {
  const hash = `hashtextextended(row(${primaryKey.map(pgIdent).join(', ')})::text, 0)`;
  return `((${hash} % ${shards}) + ${shards}) % ${shards} = ${SHARD}`;
}

/** A query's text as comments show it: the run's values by name. Pure. */
function shownQuery(text: string): string[] {
  return queryLines(
    text.replaceAll(LO, '<lo>').replaceAll(HI, '<hi>').replaceAll(SINCE, '<since>').replaceAll(SHARD, '<shard>'),
  );
}

/** Renders every statement of a sync plan, in the order a run uses them. Pure. */
export function renderSync(spec: SyncSpec, sources: SourceTable[]): SyncStatement[] {
  const statements: SyncStatement[] = [];
  // A KPI view carries its definition as COMMENT, so a run can tell a view made from another one.
  const add = ({ step, file, role, template, fields }: Statement<SyncTemplate>) => {
    const sql = renderStep('sync', { type: template, ...fields });
    // The view built beside a KPI carries the definition of the KPI it becomes.
    const definition = fields.definition as string | undefined;
    if (definition)
      statements.push({ step, file, role, sql: `${sql.trimEnd()}\nCOMMENT ${quoteString(definition)}\n` });
    else statements.push({ step, file, role, ...(template === 'create_kpi' ? withDefinition(step, sql) : { sql }) });
  };
  const collection = spec.source.collection;
  add({
    step: 'create_database',
    file: '00_create_database.sql',
    role: "the targets' database, ENGINE = Atomic",
    template: 'create_database',
    fields: {
      database: spec.database,
      cluster: spec.cluster?.name ?? null,
    },
  });
  add({
    step: 'create_ledger',
    file: '01_create_ledger.sql',
    role: 'ledger table recording every load and publish (created if missing)',
    template: 'create_ledger',
    fields: { ledger: spec.ledger, cluster: spec.cluster?.name ?? null },
  });
  add({
    step: 'migrate_ledger',
    file: '01_migrate_ledger.sql',
    role: 'adds the columns a ledger created by an older chplan lacks (chunk_key, source_version, unit, note, cursor) and keeps lease heartbeats 7 days',
    template: 'migrate_ledger',
    fields: { ledger: spec.ledger, cluster: spec.cluster?.name ?? null },
  });
  add({
    step: 'append_ledger',
    file: '01_append_ledger.sql',
    role: 'appends a load, a publish or the lease to the ledger (every ledger row)',
    template: 'append_ledger',
    fields: { ledger: spec.ledger },
  });

  const pgTable = (source: string) => `${pgIdent(spec.source.schema)}.${pgIdent(source)}`;
  for (const { spec: table, columns } of sources) {
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
  for (const kpi of spec.kpis) {
    const view = { database: spec.database, name: kpi.name };
    const common = {
      name: kpi.name,
      description: kpi.description,
      view,
      keyList: kpi.key.map(quoteIdent).join(', '),
      collection,
    };
    const file = (n: string, name: string) => `kpis/${kpi.name}/${n}_${name}.sql`;
    // On a cluster, a sharded table is read through its Distributed table; one loaded whole on every shard, locally.
    const select = fillTableReferences(kpi.clickhouse, (source) => {
      const table = sources.find((s) => s.spec.source === source)!.spec;
      const names = tablesOf(spec.database, table);
      return quoteTable(spec.cluster && table.sharded ? names.distributed : names.target);
    }).trim();
    add({
      step: kpiStep(kpi, 'create'),
      file: file('01', 'create'),
      role: 'KPI: refreshable materialized view over the deduplicated targets',
      template: 'create_kpi',
      fields: { ...common, select },
    });
    add({
      step: kpiStep(kpi, 'refresh'),
      file: file('02', 'refresh'),
      role: 'recomputes the KPI now',
      template: 'refresh_kpi',
      fields: common,
    });
    add({
      step: kpiStep(kpi, 'wait'),
      file: file('03', 'wait'),
      role: 'waits for the refresh to finish',
      template: 'wait_kpi',
      fields: common,
    });
    add({
      step: kpiStep(kpi, 'read'),
      file: file('04', 'read'),
      role: 'validation: the KPI as ClickHouse holds it',
      template: 'read_kpi',
      fields: common,
    });
    const query = fillTableReferences(kpi.postgres, pgTable).trim();
    add({
      step: kpiStep(kpi, 'postgres'),
      file: file('05', 'postgres'),
      role: 'validation: the same KPI computed by PostgreSQL',
      template: 'kpi_postgres',
      fields: { ...common, query, queryLines: queryLines(query) },
    });
    // A changed definition is built beside the view, refreshed, and swapped in only when that worked.
    const next = {
      ...common,
      view: { database: spec.database, name: kpiNextName(kpi.name) },
      next: { database: spec.database, name: kpiNextName(kpi.name) },
    };
    const definition = statements.find((s) => s.step === kpiStep(kpi, 'create'))!.object!.definition;
    add({
      step: kpiStep(kpi, 'drop_next'),
      file: file('06', 'drop_next'),
      role: 'a changed KPI: drops the new definition built beside it (after a failure, or the old one after the swap)',
      template: 'drop_kpi',
      fields: next,
    });
    add({
      step: kpiStep(kpi, 'create_next'),
      file: file('07', 'create_next'),
      role: 'a changed KPI: its new definition, built beside the view readers use',
      template: 'create_kpi',
      fields: { ...next, select, definition },
    });
    add({
      step: kpiStep(kpi, 'refresh_next'),
      file: file('08', 'refresh_next'),
      role: 'a changed KPI: computes the new definition',
      template: 'refresh_kpi',
      fields: next,
    });
    add({
      step: kpiStep(kpi, 'wait_next'),
      file: file('09', 'wait_next'),
      role: 'a changed KPI: waits for that refresh (fails if it failed)',
      template: 'wait_kpi',
      fields: next,
    });
    add({
      step: kpiStep(kpi, 'swap'),
      file: file('10', 'swap'),
      role: 'a changed KPI: swaps the refreshed new definition in, atomically',
      template: 'exchange_kpi',
      fields: { ...common, next: next.view },
    });
  }
  return numberInOrder(statements);
}
