import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session } from 'chdb';

/**
 * A loopback ClickHouse HTTP endpoint backed by the embedded engine, speaking the subset
 * of the interface @clickhouse/client uses: query in URL or body, query_id, database,
 * default_format, param_* query parameters, settings as URL parameters, basic auth or
 * X-ClickHouse-User/Key, and errors as non-200 with X-ClickHouse-Exception-Code.
 * Test-only: it lets the HTTP transport run against the real engine.
 */
export interface HttpEndpoint {
  url: string;
  requests: { queryId: string; settings: Record<string, string> }[];
  close(): Promise<void>;
}

// Settings that only mean something to ClickHouse's HTTP layer.
const HTTP_ONLY =
  /^(wait_end_of_query|send_progress_in_http_headers|enable_http_compression|http_.*|add_http_cors_header|cancel_http_readonly_queries_on_client_close)$/;
const RESERVED = new Set([
  'query',
  'query_id',
  'database',
  'default_format',
  'user',
  'password',
  'session_id',
  'session_timeout',
  'compress',
  'decompress',
]);

export async function startHttpEndpoint(options: {
  dataDir: string;
  user: string;
  password: string;
}): Promise<HttpEndpoint> {
  const session = new Session(options.dataDir);
  const requests: HttpEndpoint['requests'] = [];
  // ClickHouse accepts URIs up to 1 MiB (http_max_uri_size); Node's default is 16 KiB.
  const server: Server = createServer({ maxHeaderSize: 1 << 20 }, (req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ping') return void res.end('Ok.\n');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const [user, password] = credentials(req, url);
    if (user !== options.user || password !== options.password) {
      return fail(
        res,
        403,
        516,
        `${user}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)`,
      );
    }
    const queryId = url.searchParams.get('query_id') ?? crypto.randomUUID();
    const settings: Record<string, string> = {};
    const params: Record<string, string> = {};
    for (const [key, value] of url.searchParams) {
      if (key.startsWith('param_')) params[key.slice(6)] = value;
      else if (!RESERVED.has(key) && !HTTP_ONLY.test(key)) settings[key] = value;
    }
    requests.push({ queryId, settings });
    const sql = [url.searchParams.get('query'), body].filter((s) => s).join('\n');
    const prefix = Object.entries(settings)
      .map(
        ([k, v]) =>
          `SET ${k} = ${/^-?\d+(\.\d+)?$/.test(v) ? v : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}; `,
      )
      .join('');
    const format = url.searchParams.get('default_format') ?? 'TabSeparated';
    try {
      const result = await session.queryAsync(prefix + bindAsText(sql, params), { format });
      res.setHeader('X-ClickHouse-Query-Id', queryId);
      res.setHeader(
        'X-ClickHouse-Summary',
        JSON.stringify({
          read_rows: String(result.rowsRead),
          read_bytes: String(result.bytesRead),
          written_rows: '0',
          written_bytes: '0',
          total_rows_to_read: '0',
          result_rows: '0',
          result_bytes: '0',
          elapsed_ns: '0',
        }),
      );
      res.setHeader('X-ClickHouse-Format', format);
      res.end(Buffer.from(result.bytes()));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = /^Code: (\d+)\./.exec(message)?.[1] ?? '1001';
      fail(res, 500, Number(code), message.replace(/^Code: \d+\. DB::Exception: /, ''), queryId);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          session.close();
          resolve();
        });
      }),
  };
}

/**
 * A server parses `param_*` values as text of the declared type; the embedded binder wants
 * JS values. Substituting `CAST('<text>', '<Type>')` reproduces the server's behaviour for
 * every type, arrays included. (Test helper: assumes no `{name:Type}` inside string literals.)
 */
function bindAsText(sql: string, params: Record<string, string>): string {
  return sql.replace(/\{([A-Za-z_][A-Za-z0-9_]*):([^{}]+)\}/g, (whole, name: string, type: string) => {
    if (!(name in params)) return whole;
    // A top-level string arrives escaped; composite values arrive in their text format.
    if (type === 'String') return literal(unescapeParam(params[name]!)); // also valid where only literals are, e.g. PARTITION ID
    const text = /^(FixedString|LowCardinality\(String\)|Date|DateTime)/.test(type)
      ? unescapeParam(params[name]!)
      : params[name]!;
    return `CAST(${literal(text)}, ${literal(type)})`;
  });
}

function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const UNESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', 0: '\0', b: '\b', f: '\f' };

/** Parameter values arrive in ClickHouse's escaped text form. */
function unescapeParam(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c);
}

function credentials(req: IncomingMessage, url: URL): [string, string] {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return [decoded.slice(0, colon), decoded.slice(colon + 1)];
  }
  return [
    String(req.headers['x-clickhouse-user'] ?? url.searchParams.get('user') ?? 'default'),
    String(req.headers['x-clickhouse-key'] ?? url.searchParams.get('password') ?? ''),
  ];
}

function fail(res: ServerResponse, status: number, code: number, message: string, queryId?: string): void {
  res.statusCode = status;
  res.setHeader('X-ClickHouse-Exception-Code', String(code));
  if (queryId) res.setHeader('X-ClickHouse-Query-Id', queryId);
  res.end(`Code: ${code}. DB::Exception: ${message}\n`);
}
