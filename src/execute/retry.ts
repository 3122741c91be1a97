/** What kind of failure an error is, for deciding whether and how to try again. Pure. */
export type FailureKind = 'connection' | 'transient' | 'memory' | 'fatal';

/** ClickHouse's error codes chplan acts on, by the names ClickHouse gives them (`type` on the client's errors). */
export const CLICKHOUSE_CODES = {
  TIMEOUT_EXCEEDED: 159,
  TOO_SLOW: 160,
  TOO_MANY_SIMULTANEOUS_QUERIES: 202,
  SOCKET_TIMEOUT: 209,
  NETWORK_ERROR: 210,
  TOO_MANY_PARTS: 252,
  TOO_MANY_QUERIES: 285,
  UNKNOWN_STATUS_OF_INSERT: 319,
  SYSTEM_ERROR: 425,
  KEEPER_EXCEPTION: 999,
  CANNOT_ALLOCATE_MEMORY: 173,
  MEMORY_LIMIT_EXCEEDED: 241,
} as const;

type CodeName = keyof typeof CLICKHOUSE_CODES;

/** Worth another attempt: timeouts, too many parts, the network, the coordination service. */
const TRANSIENT: readonly CodeName[] = [
  'TIMEOUT_EXCEEDED',
  'TOO_SLOW',
  'TOO_MANY_SIMULTANEOUS_QUERIES',
  'SOCKET_TIMEOUT',
  'NETWORK_ERROR',
  'TOO_MANY_PARTS',
  'TOO_MANY_QUERIES',
  'UNKNOWN_STATUS_OF_INSERT',
  'SYSTEM_ERROR',
  'KEEPER_EXCEPTION',
];
/** Worth a smaller chunk. */
const MEMORY: readonly CodeName[] = ['MEMORY_LIMIT_EXCEEDED', 'CANNOT_ALLOCATE_MEMORY'];

/** Node's codes for a connection that dropped or never opened. */
const CONNECTION_ERRNOS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * What an error says about itself: the client's `code` and `type`, or, from an engine that reports only text, its
 * "Code: N" and "(TYPE)".
 */
interface Said {
  codes: string[];
  types: string[];
  text: string;
}

function said(error: unknown): Said {
  const out: Said = { codes: [], types: [], text: '' };
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, type, message } = current as { code?: unknown; type?: unknown; message?: unknown };
    if (typeof code === 'string' || typeof code === 'number') out.codes.push(String(code));
    if (typeof type === 'string') out.types.push(type);
    const text = typeof message === 'string' ? message : String(current);
    out.codes.push(...[...text.matchAll(/\bCode: (\d+)\b/g)].map((m) => m[1]!));
    out.types.push(...[...text.matchAll(/\(([A-Z][A-Z_]+)\)/g)].map((m) => m[1]!));
    out.text += ` ${text}`;
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

const has = (s: Said, names: readonly CodeName[]) =>
  names.some((n) => s.types.includes(n) || s.codes.includes(String(CLICKHOUSE_CODES[n])));

export function classifyFailure(error: unknown): FailureKind {
  const s = said(error);
  if (
    s.codes.some((c) => CONNECTION_ERRNOS.has(c)) ||
    /socket hang up|other side closed|Timeout error|connection (was )?(lost|closed|reset)/i.test(s.text)
  )
    return 'connection';
  if (has(s, MEMORY)) return 'memory';
  if (has(s, TRANSIENT)) return 'transient';
  return 'fatal';
}

/** Exponential backoff with a cap: 1 s, 2 s, 4 s … 30 s (scaled by `baseMs`). */
export function backoffMs(attempt: number, baseMs = 1000): number {
  return Math.min(30 * baseMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
