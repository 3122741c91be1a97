/** What kind of failure an error is, for deciding whether and how to try again. Pure. */
export type FailureKind = 'connection' | 'transient' | 'memory' | 'fatal';

// ClickHouse error codes worth another attempt: timeouts, too many parts, network.
const TRANSIENT_CODES = new Set(['159', '160', '202', '209', '210', '252', '285', '319', '425', '999']);
const MEMORY_CODES = new Set(['241', '173']);

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  let text = '';
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    text += ` ${(current as Error).message ?? String(current)}`;
    current = (current as { cause?: unknown }).cause;
  }
  return text;
}

export function classifyFailure(error: unknown): FailureKind {
  const code = codeOf(error);
  const message = messageOf(error);
  if (/ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up|other side closed|Timeout error|connection (was )?(lost|closed|reset)/i.test(message)) return 'connection';
  if (code && MEMORY_CODES.has(code)) return 'memory';
  if (/MEMORY_LIMIT_EXCEEDED|memory limit/i.test(message)) return 'memory';
  if (code && TRANSIENT_CODES.has(code)) return 'transient';
  if (/TOO_MANY_PARTS|TIMEOUT_EXCEEDED|TOO_MANY_SIMULTANEOUS_QUERIES/.test(message)) return 'transient';
  return 'fatal';
}

/** Exponential backoff with a cap: 1 s, 2 s, 4 s … 30 s (scaled by `baseMs`). */
export function backoffMs(attempt: number, baseMs = 1000): number {
  return Math.min(30 * baseMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
