import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { makeDirectory } from '../core/write-atomic.js';
import { join, resolve } from 'node:path';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { ConfigError, ConnectionError, ExecutionError, SafetyError } from '../core/errors.js';
import type { CommandSummary, Engine, EngineCapabilities, EngineOptions, QueryOptions } from './engine.js';

// 64-bit integers always arrive as strings, whichever transport answers, so callers
// convert explicitly and never lose precision to JSON numbers.
const OUTPUT_SETTINGS: ClickHouseSettings = { output_format_json_quote_64bit_integers: 1 };

/**
 * Opens the engine: HTTP when `url` is set, otherwise embedded chDB in `dataDir`.
 * Both speak through `@clickhouse/client`, so everything above this file is transport-blind.
 */
export async function connect(given: EngineOptions): Promise<Engine> {
  const options = given.url ? withUrlCredentials(given) : given;
  // Loaded here, not at start-up: commands that touch no engine (--help, verify, …) never pay for them.
  const clickhouse = await import('@clickhouse/client');
  if (!options.url && options.keepFreedMemoryMs !== undefined)
    process.env.JE_MALLOC_CONF = embeddedAllocatorConf(options.keepFreedMemoryMs, process.env.JE_MALLOC_CONF);
  const client = options.url
    ? httpClient(clickhouse, options)
    : embeddedClient(clickhouse, await import('chdb/connection'), options.dataDir);
  const engine = new ClientEngine(client, options);
  await engine.ping();
  return engine;
}

/**
 * Checks the URL and moves credentials written into it (`https://user:pass@host`) to the
 * user and password options, where flags and CLICKHOUSE_USER / CLICKHOUSE_PASSWORD win.
 */
function withUrlCredentials(options: EngineOptions): EngineOptions {
  let url: URL;
  try {
    url = new URL(options.url!);
  } catch {
    throw new ConfigError(
      `--url ${JSON.stringify(redactUrl(options.url!))} is not a URL. Use the form http://host:8123 or https://host:8443.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(
      `--url ${redactUrl(options.url!)} uses ${url.protocol.replace(':', '')}; chplan speaks ClickHouse's HTTP interface, so use http://host:8123 or https://host:8443. Nothing was run.`,
    );
  }
  const user = options.user ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const password = options.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
  url.username = '';
  url.password = '';
  return { ...options, url: url.toString(), user, password };
}

type ClientModule = typeof import('@clickhouse/client');

function httpClient({ createClient, ClickHouseLogLevel }: ClientModule, options: EngineOptions): ClickHouseClient {
  const url = new URL(options.url!);
  return createClient({
    url,
    username: options.user ?? 'default',
    password: options.password ?? '',
    database: options.database ?? 'default',
    request_timeout: (options.queryTimeoutSec + 30) * 1000,
    // A long INSERT … SELECT sends nothing until it ends; progress headers every 50 s keep
    // load balancers with a 60 s idle timeout from cutting the connection. 50 s also keeps
    // a 30-minute statement's headers (~36 lines) well under Node's 16 KiB header limit.
    clickhouse_settings: {
      ...OUTPUT_SETTINGS,
      send_progress_in_http_headers: 1,
      http_headers_progress_interval_ms: '50000',
    },
    // chplan reports failures itself, once, without echoing request details.
    log: { level: ClickHouseLogLevel.OFF },
    ...(options.ca ? { tls: { ca_cert: options.ca } } : {}),
  });
}

/**
 * The embedded engine's allocator settings (jemalloc's, read from JE_MALLOC_CONF as its library loads) that keep freed
 * pages for `keepFreedMemoryMs`; the user's own settings, when given, instead. Pure.
 */
export function embeddedAllocatorConf(keepFreedMemoryMs: number, userConf: string | undefined): string {
  return userConf ?? `dirty_decay_ms:${keepFreedMemoryMs},muzzy_decay_ms:${keepFreedMemoryMs}`;
}

function embeddedClient(
  { createClient, ClickHouseLogLevel }: ClientModule,
  { createChdbConnection }: typeof import('chdb/connection'),
  dataDir: string,
): ClickHouseClient {
  const path = resolve(dataDir);
  try {
    makeDirectory(path);
    accessSync(path, constants.W_OK);
  } catch (cause) {
    throw new ConfigError(`The data directory ${path} cannot be created or written. Pass a writable --data-dir.`, {
      cause,
    });
  }
  // Asked before the engine opens: it prints its own lock failure to stderr before throwing.
  if (heldByAnotherProcess(path)) throw lockedDataDir(path, null);
  // chdb types its connection against @clickhouse/client-common, which the client now
  // bundles as its own copy; the shapes are identical, the declarations are not.
  let connection: NonNullable<Parameters<ClientModule['createClient']>[0]>['connection'];
  try {
    connection = createChdbConnection({ path }) as unknown as typeof connection;
  } catch (cause) {
    // The engine locks its directory's status file; a second process cannot open it.
    if (existsSync(join(path, 'status'))) throw lockedDataDir(path, cause);
    throw new ConnectionError(
      `The embedded engine could not open ${path}: ${cause instanceof Error ? cause.message : String(cause)}. Nothing was run.`,
      { cause },
    );
  }
  return createClient({ connection, clickhouse_settings: OUTPUT_SETTINGS, log: { level: ClickHouseLogLevel.OFF } });
}

class ClientEngine implements Engine {
  readonly can: EngineCapabilities;
  private readonly embedded: boolean;
  readonly description: string;
  readonly flags: string;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly options: EngineOptions,
  ) {
    this.embedded = !options.url;
    this.can = { runInProcess: this.embedded, killQueries: !this.embedded, reportBytesRead: !this.embedded };
    this.description = options.url
      ? `ClickHouse over HTTP at ${redactUrl(options.url)} as ${options.user ?? 'default'}`
      : `embedded chDB in ${resolve(options.dataDir)}`;
    this.flags = options.url ? `--url ${redactUrl(options.url)}` : `--data-dir ${resolve(options.dataDir)}`;
  }

  async ping(): Promise<void> {
    try {
      await this.rows('SELECT 1 AS ok');
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      if (/auth|password|AUTHENTICATION|REQUIRED_PASSWORD|516/i.test(detail)) {
        throw new ConnectionError(
          `${this.description} refused the credentials (${detail.split('\n')[0]}). Check CLICKHOUSE_USER / CLICKHOUSE_PASSWORD.`,
          { cause },
        );
      }
      if (this.embedded && /Cannot lock file/i.test(detail)) throw lockedDataDir(this.options.dataDir, cause);
      throw new ConnectionError(
        `Cannot reach ${this.description}: ${detail.split('\n')[0]}. Check --url (or CLICKHOUSE_URL) and that the server is up.`,
        { cause },
      );
    }
  }

  async rows<T>(sql: string, options: QueryOptions = {}): Promise<T[]> {
    const result = await this.guard(sql, options, () =>
      this.client.query({ query: sql, format: 'JSONEachRow', ...this.requestOf(options) }),
    );
    return (await result.json()) as T[];
  }

  async command(sql: string, options: QueryOptions = {}): Promise<CommandSummary> {
    const result = await this.guard(sql, options, () =>
      this.client.command({ query: sql, ...this.requestOf(options) }),
    );
    return { readRows: Number(result.summary?.read_rows ?? 0), readBytes: Number(result.summary?.read_bytes ?? 0) };
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private requestOf(options: QueryOptions) {
    return {
      query_params: options.params,
      query_id: options.queryId,
      abort_signal: options.signal,
      clickhouse_settings: {
        max_execution_time: options.timeoutSec ?? this.options.queryTimeoutSec,
        ...options.settings,
      },
    };
  }

  private async guard<R>(sql: string, options: QueryOptions, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (cause) {
      throw toExecutionError(cause, sql, options);
    }
  }
}

/**
 * Whether the status file of a data directory names another live process that runs Node (a
 * file left by a process that died, or a PID since reused by another program, does not count).
 */
function heldByAnotherProcess(path: string): boolean {
  const status = join(path, 'status');
  const pid = existsSync(status) ? Number(/PID:\s*(\d+)/.exec(readFileSync(status, 'utf8'))?.[1]) : NaN;
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || /node|chdb/i.test(readFileSync(cmdline, 'utf8'));
}

/** Another process has the embedded engine's data directory open; its status file names it. */
function lockedDataDir(dataDir: string, cause: unknown): SafetyError {
  const status = join(resolve(dataDir), 'status');
  const holder = existsSync(status) ? readFileSync(status, 'utf8').replace(/\s+/g, ' ').trim() : '';
  return new SafetyError(
    `Another process has the embedded data directory ${resolve(dataDir)} open${holder ? ` (${holder})` : ''}; one directory serves one process at a time, so nothing was run. ` +
      'Wait for that process to finish, or pass another --data-dir.',
    { cause },
  );
}

function toExecutionError(cause: unknown, sql: string, options: QueryOptions): Error {
  if (cause instanceof ExecutionError) return cause;
  const message = shorten(cause instanceof Error ? cause.message : String(cause));
  const first = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
  return new ExecutionError(
    `${message}\n  while running: ${first}${first.length === 120 ? '…' : ''}`,
    {
      step: options.step ?? 'query',
      queryId: options.queryId,
    },
    { cause },
  );
}

// Engine messages quote the whole statement; a plan's INSERT is thousands of characters.
function shorten(message: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  return text.length <= 600 ? text : `${text.slice(0, 400)} … ${text.slice(-120)}`;
}

/** The URL as it may be shown to a human: never with a password in it. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}
