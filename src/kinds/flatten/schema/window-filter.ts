import { quoteIdent } from '../../../core/quote.js';

/** What restricts a table to a plan's scope: its time column and, optionally, customers. */
export interface WindowScope {
  timeColumn: string;
  customerColumn: string;
  customers: number[] | null;
}

/** The bounds of a chunk's window `[{chunk_start}, {chunk_end})`, as every flatten statement binds them. */
const CHUNK_START = "{chunk_start:DateTime64(3, 'UTC')}";
const CHUNK_END = "{chunk_end:DateTime64(3, 'UTC')}";

/**
 * WHERE clause restricting a table to `[{chunk_start}, {chunk_end})` and the scope's
 * customers. Settings and manifests are both scopes.
 */
export function windowFilter(scope: WindowScope): string {
  const time = quoteIdent(scope.timeColumn);
  const parts = [`${time} >= ${CHUNK_START}`, `${time} < ${CHUNK_END}`];
  if (scope.customers) parts.push(`${quoteIdent(scope.customerColumn)} IN (${scope.customers.join(', ')})`);
  return parts.join('\n  AND ');
}

/** Functions of a time that never decrease as it grows: `f(time)` of a row in a window lies between f of its ends. */
const MONOTONE_TIME_FUNCTIONS = new Set([
  'toDate',
  'toDate32',
  'toStartOfYear',
  'toStartOfQuarter',
  'toStartOfMonth',
  'toMonday',
  'toStartOfDay',
  'toStartOfHour',
  'toStartOfFifteenMinutes',
  'toStartOfTenMinutes',
  'toStartOfFiveMinutes',
  'toStartOfFiveMinute',
  'toStartOfMinute',
  'toStartOfInterval',
  'toYYYYMM',
  'toYYYYMMDD',
  'toYYYYMMDDhhmmss',
  'toUnixTimestamp',
]);

/** Splits `text` at the commas outside parentheses and quotes. Pure. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '`' || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

/**
 * The window `[{chunk_start}, {chunk_end})` restated on each term of a sorting key that is a monotone function of the
 * time column (`toStartOfHour(timestampMs)` → `toStartOfHour(timestampMs) BETWEEN toStartOfHour({chunk_start}) AND
 * toStartOfHour({chunk_end} - 1 ms)`). ClickHouse's index analysis does not bound such a term from a bound on the time
 * itself: on a source sorted by `(toStartOfHour(timestampMs), …)` an hour's filter selected 286 of the day's 286
 * granules, and 13 with this term. Every row of the window satisfies it (the functions' steps fall on whole seconds),
 * so it never changes what a read returns. Pure.
 */
export function sortingKeyWindowTerms(sortingKey: string, timeColumn: string): string[] {
  const time = new Set([timeColumn, quoteIdent(timeColumn)]);
  const last = `(${CHUNK_END} - toIntervalMillisecond(1))`;
  return topLevelParts(sortingKey).flatMap((term) => {
    const call = /^(\w+)\((.*)\)$/s.exec(term);
    if (!call || !MONOTONE_TIME_FUNCTIONS.has(call[1]!)) return [];
    const [first, ...rest] = topLevelParts(call[2]!);
    if (first === undefined || !time.has(first)) return [];
    const at = (t: string) => `${call[1]}(${[t, ...rest].join(', ')})`;
    return [`${at(quoteIdent(timeColumn))} BETWEEN ${at(CHUNK_START)} AND ${at(last)}`];
  });
}
