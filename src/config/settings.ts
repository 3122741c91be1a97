/** A table, always fully qualified. */
export interface TableRef {
  database: string;
  name: string;
}

export type ChunkSize = 'day' | 'hour' | `${number}m`;
export type Strategy = 'indexed' | 'readable';

/** Where the engine is and how to talk to it: what every command of every kind shares. */
export interface EngineSettings {
  /** Server-side limit for one statement, in seconds. */
  queryTimeoutSec: number;
  /** Embedded engine directory (used when no url is set). */
  dataDir: string;
  url?: string;
  /** PEM file of a custom certificate authority for https URLs. */
  ca?: string;
  user?: string;
  password?: string;
  database?: string;
}

/**
 * The engine's settings and the flatten's, which its plans depend on. Defaults come from the brief;
 * see load.ts for precedence.
 */
export interface Settings extends EngineSettings {
  source: TableRef;
  target: TableRef;
  /** Column holding the event time (DateTime64). */
  timeColumn: string;
  /** Columns that, with the minute, identify one target row. */
  groupKeys: string[];
  /** Column patterns (`*` wildcard) left out of the target entirely. */
  exclude: string[];
  /** Regular expressions naming the metric Map columns of each kind. */
  intMapPattern: string;
  floatMapPattern: string;
  /** Column used by the customer filter. */
  customerColumn: string;
  /** Restrict the plan to these customers; null means all. */
  customers: number[] | null;
  intType: string;
  floatType: string;
  /** Zone for day boundaries and toStartOfMinute. */
  timeZone: string;
  chunk: ChunkSize;
  strategy: Strategy;
  /** ClickHouse cluster: ON CLUSTER DDL, Replicated tables, per-shard runs. */
  cluster: string | null;
  /** Extra or overriding settings rendered into the insert's SETTINGS clause. */
  insertSettings: Record<string, number | string>;
}

export const DEFAULT_SETTINGS: Settings = {
  source: { database: 'default', name: 'eco_cross_page_flow_pt1m_local' },
  target: { database: 'default', name: 'eco_cross_page_preagg_pt1m' },
  timeColumn: 'timestampMs',
  groupKeys: ['clientId', 'sessionId'],
  exclude: ['tagGroup*', 'flowId', 'flowStartTimeMs'],
  intMapPattern: '^metricIntGroup\\d+$',
  floatMapPattern: '^metricFloatGroup\\d+$',
  customerColumn: 'customerId',
  customers: null,
  intType: 'Int32',
  floatType: 'Float32',
  timeZone: 'UTC',
  chunk: 'day',
  strategy: 'indexed',
  queryTimeoutSec: 1800,
  dataDir: '.chdata',
  cluster: null,
  insertSettings: {},
};

/**
 * The insert's own settings, measured on the benchmark data: the aggregated result is
 * written by two threads in blocks of up to 1M rows (about 10% faster than the defaults).
 */
export const DEFAULT_INSERT_SETTINGS: Record<string, number | string> = {
  max_insert_threads: 2,
  min_insert_block_size_rows: 1048576,
};

/** The day the committed demo plan and mapping were made from. */
export const DEMO_DAY = '2025-10-08';

/** Parses `db.table` (or `table`, meaning `default.table`). */
export function parseTableRef(text: string): TableRef | null {
  const match = /^(?:([^.\s]+)\.)?([^.\s]+)$/.exec(text.trim());
  if (!match) return null;
  return { database: match[1] ?? 'default', name: match[2]! };
}

export function sameTable(a: TableRef, b: TableRef): boolean {
  return a.database === b.database && a.name === b.name;
}

export function formatTableRef(table: TableRef): string {
  return `${table.database}.${table.name}`;
}
