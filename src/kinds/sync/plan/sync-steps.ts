import type { TableRef } from '../../../config/settings.js';
import type { Statement } from '../../../render/render.js';
import type { PlannedObject } from '../../../plan/definition.js';
import type { KpiSpec, SyncTableSpec } from './spec.js';

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
export type SyncTemplate =
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

/** The step name of a KPI's statement: `kpi.kpi_campaign_ctr.refresh`. */
export function kpiStep(kpi: KpiSpec | string, type: KpiStep): string {
  return `kpi.${typeof kpi === 'string' ? kpi : kpi.name}.${type}`;
}

/** Adds a statement to the plan being rendered. */
export type AddSyncStatement = (statement: Statement<SyncTemplate>) => void;
