import { DateTime, IANAZone } from 'luxon';
import { ConfigError } from './errors.js';

/** A half-open time window [start, end) as UTC instants, bound to `{chunk_start}` / `{chunk_end}`. */
export interface Window {
  day: string;
  /** `YYYY-MM-DD HH:MM:SS.mmm` in UTC. */
  start: string;
  end: string;
  /** Partition id of the day in the target (`toYYYYMMDD` in the plan's zone). */
  partition: string;
  label: string;
  /** A share of the rows by hash (`cityHash64(key) % count = index`), for chunks that split by key instead of time. */
  bucket?: { index: number; count: number };
}

/** `day`, `hour`, or a number of minutes such as `15m` (minute-aligned, dividing the day). */
export type ChunkSpec = 'day' | 'hour' | `${number}m`;

export function parseChunk(text: string): ChunkSpec {
  const minutes = /^([1-9][0-9]*)m$/.exec(text);
  if (text === 'day' || text === 'hour' || (minutes && 1440 % Number(minutes[1]) === 0)) return text as ChunkSpec;
  throw new ConfigError(
    `--chunk ${JSON.stringify(text)} is not a chunk size; use day, hour or minutes dividing a day (15m, 30m, 120m).`,
  );
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks `YYYY-MM-DD` and that the date exists. */
export function parseDay(text: string, flag = '--day'): string {
  const match = DAY.exec(text);
  const date = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== text) {
    throw new ConfigError(`${flag} ${JSON.stringify(text)} is not a date; use YYYY-MM-DD, e.g. ${flag} 2025-10-08.`);
  }
  return text;
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string = from): string[] {
  parseDay(from, '--day');
  parseDay(to, '--to');
  if (to < from) throw new ConfigError(`--to ${to} is before --day ${from}; the range must go forward.`);
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(day);
    if (day === to) return days;
  }
}

/** Query parameters binding a window (and its day's partition, when it has one). */
export function windowParams(window: {
  start: string;
  end: string;
  partition?: string;
  bucket?: Window['bucket'];
}): Record<string, string> {
  return {
    chunk_start: window.start,
    chunk_end: window.end,
    ...(window.partition ? { partition_id: window.partition } : {}),
    ...(window.bucket ? { bucket: String(window.bucket.index), buckets: String(window.bucket.count) } : {}),
  };
}

/** What tells a window's rows apart besides its time bounds: `b3/8` for bucket 3 of 8, else empty. */
export function bucketKey(window: Pick<Window, 'bucket'>): string {
  return window.bucket && window.bucket.count > 1 ? `b${window.bucket.index}/${window.bucket.count}` : '';
}

/**
 * The UTC instant at which `day` begins in `zone`: local midnight (the first, where it happens
 * twice), or the first instant of the day where a clock change skips midnight (America/Santiago). For a date the
 * zone skipped entirely (Pacific/Apia 2011-12-30) it is the start of the next day, so the day's
 * window is empty. Luxon resolves the zone rules (IANA, through Intl).
 */
export function midnightUtc(day: string, zone: string): number {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  // Where clocks fall back across midnight (America/Havana), local midnight happens twice and
  // the day begins at the first one, one offset change earlier than Luxon's choice.
  const before = start.minus({ milliseconds: 1 });
  const earlier = start.minus({ minutes: before.offset - start.offset });
  return before.offset > start.offset && earlier.toISODate() === day ? earlier.toMillis() : start.toMillis();
}

/** Whether `day` exists as a local date in `zone` (a zone can skip a whole day). */
export function dayExists(day: string, zone: string): boolean {
  return DateTime.fromISO(day, { zone }).toISODate() === day;
}

export function checkZone(zone: string): void {
  if (!IANAZone.isValidZone(zone))
    throw new ConfigError(`timeZone ${JSON.stringify(zone)} is not a known IANA zone (e.g. UTC, Europe/Berlin).`);
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, the form windows, the ledger and query parameters use. */
export function utcText(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Milliseconds since the epoch of `YYYY-MM-DD HH:MM:SS[.fff…]` in UTC (digits past milliseconds are dropped). */
export function utcInstant(text: string): number {
  return Date.parse(`${text.slice(0, 23).replace(' ', 'T')}Z`);
}

/** The date after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The window of a whole day in `zone`. */
export function dayWindow(day: string, zone: string): Window {
  const start = midnightUtc(day, zone);
  return {
    day,
    start: utcText(start),
    end: utcText(midnightUtc(nextDay(day), zone)),
    partition: day.replaceAll('-', ''),
    label: day,
  };
}

/** The chunks of one day: the day itself, or its hours (23 or 25 on DST days). */
export function chunksOfDay(day: string, zone: string, chunk: ChunkSpec): Window[] {
  const whole = dayWindow(day, zone);
  if (chunk === 'day') return [whole];
  if (chunk !== 'hour') {
    return splitWindow(whole, Number(parseChunk(chunk).slice(0, -1)), (_, w) => `${day} ${w.start.slice(11, 16)}Z`);
  }
  const end = utcInstant(whole.end);
  const windows: Window[] = [];
  for (let t = utcInstant(whole.start), h = 0; t < end; t += 3_600_000, h++) {
    windows.push({
      ...whole,
      start: utcText(t),
      end: utcText(Math.min(t + 3_600_000, end)),
      label: `${day} h${String(h).padStart(2, '0')}`,
    });
  }
  return windows;
}

/** Minutes in a window. */
export function windowMinutes(window: Window): number {
  return (utcInstant(window.end) - utcInstant(window.start)) / 60_000;
}

/**
 * Splits a window into two minute-aligned halves (for a chunk that ran out of memory);
 * null when it is a single minute and cannot be split.
 */
export function halveWindow(window: Window): [Window, Window] | null {
  const minutes = windowMinutes(window);
  if (minutes < 2) return null;
  const middle = utcInstant(window.start) + Math.floor(minutes / 2) * 60_000;
  return [
    {
      ...window,
      end: utcText(middle),
      label: `${window.label} [${window.start.slice(11, 16)}–${utcText(middle).slice(11, 16)})`,
    },
    {
      ...window,
      start: utcText(middle),
      label: `${window.label} [${utcText(middle).slice(11, 16)}–${window.end.slice(11, 16)})`,
    },
  ];
}

/** Splits a window into consecutive windows of `minutes` (the last may be shorter). */
export function splitWindow(window: Window, minutes: number, label: (i: number, w: Window) => string): Window[] {
  const end = utcInstant(window.end);
  const parts: Window[] = [];
  for (let t = utcInstant(window.start), i = 0; t < end; t += minutes * 60_000, i++) {
    const part = { ...window, start: utcText(t), end: utcText(Math.min(end, t + minutes * 60_000)) };
    parts.push({ ...part, label: label(i, part) });
  }
  return parts;
}
