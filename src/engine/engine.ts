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
  /**
   * Embedded engine only: how long its allocator keeps freed memory for reuse, in ms. Read when the engine's library
   * first loads in this process (later connections share that library), and never over a value the user set in
   * JE_MALLOC_CONF. Unset: the engine's own default.
   */
  keepFreedMemoryMs?: number;
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

export interface EngineCapabilities {
  /**
   * The engine runs inside this process: it may be seeded with demo data and have its merges paused, and its queries
   * end with the process.
   */
  runInProcess: boolean;
  /**
   * `KILL QUERY` reaches a statement this process started (a server does; an in-process engine stops with the process).
   */
  killQueries: boolean;
  /** A statement's summary reports the bytes it read. */
  reportBytesRead: boolean;
}

/** The only surface the rest of chplan sees of ClickHouse. */
export interface Engine {
  /** What this transport can do; callers ask for a capability, never for a transport. */
  readonly can: EngineCapabilities;
  /** Human description, never containing credentials. */
  readonly description: string;
  /**
   * The flags that reach this engine again (`--data-dir DIR` or `--url URL`, never credentials), for suggested
   * commands.
   */
  readonly flags: string;
  rows<T>(sql: string, options?: QueryOptions): Promise<T[]>;
  /** Runs a statement, discarding any result; returns what the engine reports it read. */
  command(sql: string, options?: QueryOptions): Promise<CommandSummary>;
  close(): Promise<void>;
}
