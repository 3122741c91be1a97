import type { ClickHouseSettings } from '@clickhouse/client';

/** How to reach ClickHouse. `url` set means HTTP; otherwise embedded chDB in `dataDir`. */
export interface EngineOptions {
  url?: string;
  user?: string;
  password?: string;
  database?: string;
  ca?: Buffer;
  dataDir: string;
  /** Default server-side limit (max_execution_time) for every statement. */
  queryTimeoutSec: number;
}

export interface QueryOptions {
  /** Bound server-side as `{name:Type}` query parameters. */
  params?: Record<string, unknown>;
  queryId?: string;
  timeoutSec?: number;
  settings?: ClickHouseSettings;
  signal?: AbortSignal;
  /** Names the pipeline step in error messages. */
  step?: string;
}

export interface CommandSummary {
  readRows: number;
  readBytes: number;
}

/** The only surface the rest of chplan sees of ClickHouse. */
export interface Engine {
  readonly kind: 'embedded' | 'http';
  /** Human description, never containing credentials. */
  readonly description: string;
  /** The flags that reach this engine again (`--data-dir DIR` or `--url URL`, never credentials), for suggested commands. */
  readonly flags: string;
  rows<T>(sql: string, options?: QueryOptions): Promise<T[]>;
  /** Runs a statement, discarding any result; returns what the engine reports it read. */
  command(sql: string, options?: QueryOptions): Promise<CommandSummary>;
  close(): Promise<void>;
}
