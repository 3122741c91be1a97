import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { quoteIdent, quoteString } from '../../src/core/quote.js';
import { convertExpr } from '../../src/kinds/stream/plan/encodings.js';
import type { StreamColumn } from '../../src/kinds/stream/plan/spec.js';
import { codePointCompare } from '../../src/core/code-point.js';
import { chunksOfDay, dayWindow } from '../../src/core/windows.js';
import { assignColumns } from '../../src/kinds/flatten/mapping/assign-columns.js';
import type { KeyInventory } from '../../src/kinds/flatten/discover/key-inventory.js';
import { openTestEngine } from '../helpers/engine.js';

let engine: Engine;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ engine, cleanup } = await openTestEngine());
});
afterAll(async () => cleanup?.());

// Any text JSON can carry (lone surrogates cannot come back from the engine as text), with the
// characters quoting must get right drawn far more often than chance would.
const TRICKY = [
  '\\',
  "'",
  '`',
  '"',
  '\n',
  '\r',
  '\t',
  '\0',
  '\b',
  '\f',
  '\x7f',
  '\u2028',
  '{',
  '}',
  ':',
  '?',
  '$',
  '--',
  '/*',
  'é',
  '😀',
  ' ',
];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = fc
  .string({
    unit: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    ),
    maxLength: 30,
  })
  .filter((s) => !LONE_SURROGATE.test(s));

describe('properties (fast-check)', () => {
  it('any string, as a literal and as an identifier, round-trips through ClickHouse unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const [row] = await engine.rows<Record<string, string>>(
          `SELECT ${quoteString(s)} AS v, ${quoteString(s)} = {p:String} AS same`,
          { params: { p: s } },
        );
        expect(row!.v).toBe(s);
        expect(Number(row!.same)).toBe(1);
        if (s.length > 0) {
          const [named] = await engine.rows<Record<string, unknown>>(`SELECT 1 AS ${quoteIdent(s)}`);
          expect(Object.keys(named!)).toEqual([s]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("assignColumns: new keys in code-point order after the base's columns, and every base column kept", () => {
    const inventory = (keys: string[]): KeyInventory => ({
      source: 'd.s',
      from: '2025-10-08',
      to: '2025-10-08',
      timeZone: 'UTC',
      rows: 1,
      keys: keys.map((key) => ({ kind: 'int', key, maps: [{ map: 'm', rows: 1 }] })),
    });
    fc.assert(
      fc.property(fc.uniqueArray(text, { maxLength: 20 }), fc.uniqueArray(text, { maxLength: 20 }), (day1, day2) => {
        const first = assignColumns(inventory(day1));
        expect(first.int.map((e) => e.key)).toEqual([...day1].sort(codePointCompare));
        expect(first.int.map((e) => e.column)).toEqual(day1.map((_, i) => `int${i + 1}`));
        const second = assignColumns(inventory(day2), { base: { mapping: first, hash: 'a'.repeat(64) } });
        // Stable: every key keeps its column; new ones follow, in code-point order.
        for (const entry of first.int) expect(second.int.find((e) => e.key === entry.key)!.column).toBe(entry.column);
        const added = second.int.slice(first.int.length);
        expect(added.map((e) => e.key)).toEqual(day2.filter((k) => !day1.includes(k)).sort(codePointCompare));
        expect(second.int.map((e) => e.column)).toEqual(second.int.map((_, i) => `int${i + 1}`));
      }),
      { numRuns: 300 },
    );
  });

  it('chunks of any day, zone and size tile the day with no gap or overlap', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    const ms = (t: string) => Date.parse(`${t.replace(' ', 'T')}Z`);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2037-12-31'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom('day', 'hour', '15m', '5m', '90m'),
        (date, zone, chunk) => {
          const day = date.toISOString().slice(0, 10);
          const whole = dayWindow(day, zone);
          const chunks = chunksOfDay(day, zone, chunk as 'day');
          if (whole.start === whole.end) return; // a date the zone skipped
          expect(chunks[0]!.start).toBe(whole.start);
          expect(chunks.at(-1)!.end).toBe(whole.end);
          for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBe(chunks[i - 1]!.end);
          for (const c of chunks) expect(ms(c.end)).toBeGreaterThan(ms(c.start));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/**
 * An integer as Java's BigInteger.toByteArray() gives it (what Kafka Connect's Decimal sends), base64; written apart
 * from the generator's encoder, so the two check each other.
 */
function javaBytes(n: bigint): string {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(Number(BigInt.asUintN(8, v)));
    v >>= 8n;
  } while (!(v === 0n && (bytes[0]! & 0x80) === 0) && !(v === -1n && (bytes[0]! & 0x80) !== 0));
  return Buffer.from(bytes).toString('base64');
}

/** The decimal text of an unscaled value at a scale. */
function decimalText(unscaled: bigint, scale: number): string {
  const sign = unscaled < 0n ? '-' : '';
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const decimalCase = fc
  .record({
    precision: fc.integer({ min: 1, max: 38 }),
    scaleShare: fc.double({ min: 0, max: 1, noNaN: true }),
    sent: fc.integer({ min: 0, max: 80 }),
  })
  .chain(({ precision, scaleShare, sent }) => {
    const scale = Math.floor(scaleShare * precision);
    const limit = 10n ** BigInt(precision + 2);
    return fc.record({
      precision: fc.constant(precision),
      scale: fc.constant(scale),
      sent: fc.constant(sent),
      unscaled: fc.oneof(
        fc.bigInt({ min: -limit, max: limit }),
        fc.bigInt({ min: -1000n, max: 1000n }),
        fc.constantFrom(
          0n,
          -1n,
          127n,
          128n,
          -128n,
          -129n,
          255n,
          256n,
          2n ** 63n,
          -(2n ** 63n),
          10n ** 38n - 1n,
          -(10n ** 38n) + 1n,
        ),
      ),
    });
  });

const [FIRST_SECOND, END_SECOND] = [-2_208_988_800n, 10_413_792_000n];
const EPOCH = { epoch_millis: 3, epoch_micros: 6, epoch_nanos: 9 } as const;
const timeCase = fc.record({
  encoding: fc.constantFrom(...(Object.keys(EPOCH) as (keyof typeof EPOCH)[])),
  keep: fc.constantFrom(0, 3, 6, 9),
  second: fc.oneof(
    fc.bigInt({ min: FIRST_SECOND - 100_000_000n, max: END_SECOND + 100_000_000n }),
    fc.constantFrom(FIRST_SECOND, FIRST_SECOND - 1n, END_SECOND - 1n, END_SECOND, -1n, 0n),
  ),
  fraction: fc.oneof(fc.bigInt({ min: 0n, max: 999_999_999n }), fc.constantFrom(0n, 1n, 999_999_999n, 1_000_000n)),
  // PostgreSQL's infinity (1) or -infinity (-1), as the connector sends them, in place of the time.
  infinite: fc.constantFrom(0, 0, 0, 0, 1, -1),
});

/** What Debezium's PostgreSQL connector sends for infinity and -infinity in each epoch unit, and its logical type. */
const SENT = {
  epoch_millis: { infinity: [9_223_372_036_825_200n, -9_223_372_036_832_400n], logical: 'io.debezium.time.Timestamp' },
  epoch_micros: {
    infinity: [9_223_372_036_825_200_000n, -9_223_372_036_832_400_000n],
    logical: 'io.debezium.time.MicroTimestamp',
  },
  epoch_nanos: { infinity: [2n ** 63n - 1n, -(2n ** 63n)], logical: 'io.debezium.time.NanoTimestamp' },
} as const;

/** DateTime64(keep)'s latest (1) or earliest (-1) time, as text. */
function endText(end: number, keep: number): string {
  if (end > 0 && keep === 9) return '2262-04-11 23:47:16.854775807';
  const [day, digit] = end > 0 ? ['2299-12-31 23:59:59', '9'] : ['1900-01-01 00:00:00', '0'];
  return keep > 0 ? `${day}.${digit.repeat(keep)}` : day;
}

/** DateTime64(keep)'s text of a count of 10^-digits seconds; null outside 1900–2299 or where digits drop. */
function timeText(count: bigint, digits: number, keep: number): string | null {
  const per = 10n ** BigInt(digits);
  let second = count / per;
  let fraction = count % per;
  if (fraction < 0n) [second, fraction] = [second - 1n, fraction + per];
  if (second < FIRST_SECOND || second >= END_SECOND) return null;
  // DateTime64(9) counts nanoseconds in an Int64.
  if (keep === 9 && second * 10n ** 9n + fraction * 10n ** BigInt(9 - digits) >= 2n ** 63n) return null;
  if (digits > keep && fraction % 10n ** BigInt(digits - keep) !== 0n) return null;
  const kept = digits > keep ? fraction / 10n ** BigInt(digits - keep) : fraction * 10n ** BigInt(keep - digits);
  const iso = new Date(Number(second) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${keep > 0 ? `.${kept.toString().padStart(keep, '0')}` : ''}`;
}

const CLOCK = { time_millis: 3, time_micros: 6, time_nanos: 9 } as const;
const clockCase = fc.record({
  encoding: fc.constantFrom(...(Object.keys(CLOCK) as (keyof typeof CLOCK)[])),
  keep: fc.constantFrom(0, 3, 6, 9),
  count: fc.oneof(
    fc.bigInt({ min: -1000n, max: 86_400_000_000_000n + 1000n }),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    fc.constantFrom(0n, 86_400_000n, 86_400_000_000n, 86_400_000_000_000n),
  ),
});

/** Time64(keep)'s text of a count of 10^-digits seconds since midnight; null outside the day or where digits drop. */
function clockText(count: bigint, digits: number, keep: number): string | null {
  const per = 10n ** BigInt(digits);
  if (count < 0n || count > 86_400n * per) return null;
  if (digits > keep && count % 10n ** BigInt(digits - keep) !== 0n) return null;
  const [second, fraction] = [count / per, count % per];
  const kept = digits > keep ? fraction / 10n ** BigInt(digits - keep) : fraction * 10n ** BigInt(keep - digits);
  const hms = [second / 3600n, (second / 60n) % 60n, second % 60n].map((n) => n.toString().padStart(2, '0')).join(':');
  return keep > 0 ? `${hms}.${kept.toString().padStart(keep, '0')}` : hms;
}

const dayCase = fc.record({
  type: fc.constantFrom('Date', 'Date32'),
  days: fc.oneof(
    fc.integer({ min: -30_000, max: 125_000 }),
    fc.integer(),
    fc.constantFrom(-25_567, -25_568, 0, -1, 65_535, 65_536, 120_529, 120_530),
  ),
});

const zonedCase = fc.record({
  second: fc.oneof(
    fc.bigInt({ min: FIRST_SECOND - 86_400n, max: END_SECOND + 86_400n }),
    fc.constantFrom(FIRST_SECOND, FIRST_SECOND - 1n, END_SECOND - 1n, END_SECOND),
  ),
  micros: fc.integer({ min: 0, max: 999_999 }),
  digits: fc.integer({ min: 0, max: 6 }),
  offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -14 * 60, max: 14 * 60 })),
  keep: fc.constantFrom(0, 3, 6, 9),
});

/** Instants at the range's ends, written at offsets that put their local date a day outside the range or inside it. */
const ZONED_EDGES = [-1, 0, 1].flatMap((shift) =>
  [FIRST_SECOND + 20_339n, END_SECOND - 3_600n].flatMap((at) =>
    [-339, 120, 0].map((offsetMinutes) => ({
      second: at + BigInt(shift),
      micros: 0,
      digits: 0,
      offsetMinutes,
      keep: 6,
    })),
  ),
);

/** An instant as ISO 8601 text with `digits` decimals at an offset (a ZonedTimestamp's form). */
function zonedText(c: { second: bigint; micros: number; digits: number; offsetMinutes: number }): string {
  const micros = c.micros - (c.micros % 10 ** (6 - c.digits));
  const local = new Date((Number(c.second) + c.offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  const fraction = c.digits > 0 ? `.${String(micros).padStart(6, '0').slice(0, c.digits)}` : '';
  const sign = c.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(c.offsetMinutes);
  const zone =
    c.offsetMinutes === 0
      ? 'Z'
      : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}${fraction}${zone}`;
}

/** A column of the encodings' cases: any field path will do, each case reads its own value. */
type Column = Omit<StreamColumn, 'path'>;

/** SQL for `text`, sent as a field's JSON text, converted into `column`'s type and shown as text (NULL if refused). */
const convertedText = (column: Column, text: string) =>
  `toString(${convertExpr({ ...column, path: 'x' }, `materialize(${quoteString(text)})`)})`;

describe("Debezium's encodings against JavaScript's BigInt arithmetic (fast-check)", () => {
  it('a time of day (a count since midnight) and a day number: exact, or NULL outside the type or where digits drop', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(clockCase, { minLength: 1, maxLength: 30 }),
        fc.array(dayCase, { minLength: 1, maxLength: 30 }),
        async (clocks, days) => {
          const exprs = [
            ...clocks.map(
              (c, i) =>
                `toString(CAST(${convertExpr({ name: `c${i}`, path: 'x', type: `Time64(${c.keep})`, encoding: c.encoding }, `materialize('${c.count}')`)}, 'Nullable(Time64(${c.keep}))'))`,
            ),
            ...days.map(
              (d, i) =>
                `toString(CAST(${convertExpr({ name: `d${i}`, path: 'x', type: d.type, encoding: 'epoch_days' }, `materialize('${d.days}')`)}, 'Nullable(${d.type})'))`,
            ),
          ];
          const [row] = await engine.rows<{ r: (string | null)[] }>(`SELECT [${exprs.join(', ')}] AS r`);
          clocks.forEach((c, i) =>
            expect(row!.r[i], JSON.stringify({ ...c, count: String(c.count) })).toBe(
              clockText(c.count, CLOCK[c.encoding], c.keep),
            ),
          );
          days.forEach((d, i) => {
            const [low, high] = d.type === 'Date' ? ['1970-01-01', '2149-06-06'] : ['1900-01-01', '2299-12-31'];
            const text = Math.abs(d.days) < 1e8 ? new Date(d.days * 86_400_000).toISOString().slice(0, 10) : '';
            const ok = text >= low && text <= high;
            expect(row!.r[clocks.length + i], JSON.stringify(d)).toBe(ok ? text : null);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a ZonedTimestamp at any offset: the instant in UTC, exact, or NULL outside DateTime64(P) or where digits drop', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(zonedCase, { minLength: 1, maxLength: 30 }), async (cases) => {
        const exprs = cases.map(
          (c, i) =>
            `toString(CAST(${convertExpr({ name: `z${i}`, path: 'x', type: `DateTime64(${c.keep}, 'UTC')` }, `materialize(${quoteString(zonedText(c))})`)}, 'Nullable(DateTime64(${c.keep}, \\'UTC\\'))'))`,
        );
        // Text that is no time, beside them: NULL, not an error, though the engine's best-effort parse reads a time
        // from most of it (12 as January 12th, a number as epoch seconds, 25:00 as the next day). Dates and times of
        // day as text too: ISO 8601's form, and only what exists.
        const junk = [
          ...['', 'not a time', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '12', '2026', '1700000000'],
          ...['Oct 1 2026', '2026-10-01T25:00:00Z', '2026-10-01T10:61:00Z', '2026-10-01T10:00:00 x'],
          ...['2026-10-01T10:00:00.1234567Z', '2026-10-01T10:00:00+25:00', '2026-10-01T10:00:00+05:30:15'],
        ];
        const dates = ['2026-02-30', '2026-13-01', '20261001', '2026-1-1', '12', '1850-01-01'];
        const clocks = ['24:00:01Z', '25:00:00', '12:61:00', '1', '12:00', '10:00:00.1234567Z', '10:00:00+02:00'];
        const refused: [Column, string][] = [
          ...junk.map((text, i): [Column, string] => [{ name: `j${i}`, type: `DateTime64(${i % 7}, 'UTC')` }, text]),
          ...dates.map((text, i): [Column, string] => [{ name: `d${i}`, type: 'Date32', encoding: 'iso8601' }, text]),
          ...clocks.map((text, i): [Column, string] => [
            { name: `c${i}`, type: 'Time64(6)', encoding: 'iso8601' },
            text,
          ]),
        ];
        exprs.push(...refused.map(([column, text]) => convertedText(column, text)));
        const [row] = await engine.rows<{ r: (string | null)[] }>(`SELECT [${exprs.join(', ')}] AS r`);
        expect(row!.r.slice(cases.length)).toEqual(refused.map(() => null));
        cases.forEach((c, i) => {
          const micros = BigInt(c.micros - (c.micros % 10 ** (6 - c.digits)));
          const want = timeText(c.second * 1_000_000n + micros, 6, c.keep);
          expect(row!.r[i], `${zonedText(c)} into DateTime64(${c.keep})`).toBe(want);
        });
      }),
      // Always, beside the random cases: instants just inside the range whose local date lies outside it.
      { numRuns: 100, examples: [[ZONED_EDGES]] },
    );
  });

  it("an epoch count in ms, µs or ns, before 1970 too, alone or named by a message's schema: exact, or NULL outside DateTime64(P) (2262 for P = 9) or where digits drop, never an error; infinity as the column's last or first time", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(timeCase, { minLength: 1, maxLength: 40 }), async (cases) => {
        const counts = cases.map((c) => {
          const digits = EPOCH[c.encoding];
          if (c.infinite !== 0) return SENT[c.encoding].infinity[c.infinite > 0 ? 0 : 1];
          return c.second * 10n ** BigInt(digits) + c.fraction / 10n ** BigInt(9 - digits);
        });
        const int64 = (n: bigint) => n >= -(2n ** 63n) && n < 2n ** 63n;
        // Each case alone (the spec's encoding), then as a field whose schema names its logical type, beside every
        // other encoding a DateTime64 can take from a schema. Both read the count's JSON text.
        const exprs = cases.flatMap((c, i) => {
          const column = { name: `t${i}`, path: 'x', type: `DateTime64(${c.keep}, 'UTC')`, encoding: c.encoding };
          const named = `tuple(${quoteString(SENT[c.encoding].logical)}, '')`;
          return [
            convertExpr(column, `materialize('${counts[i]}')`),
            convertExpr({ ...column, encoding: undefined }, `materialize('${counts[i]}')`, named),
          ].map((e) => `toString(CAST(${e}, 'Nullable(DateTime64(${c.keep}, \\'UTC\\'))'))`);
        });
        const [row] = await engine.rows<{ r: (string | null)[] }>(`SELECT [${exprs.join(', ')}] AS r`);
        cases.forEach((c, i) => {
          const want = !int64(counts[i]!)
            ? null
            : c.infinite !== 0
              ? endText(c.infinite, c.keep)
              : timeText(counts[i]!, EPOCH[c.encoding], c.keep);
          const label = JSON.stringify({ ...c, count: String(counts[i]) }, (_k, v) =>
            typeof v === 'bigint' ? String(v) : v,
          );
          expect(row!.r[2 * i], label).toBe(want);
          expect(row!.r[2 * i + 1], `${label} named by its schema`).toBe(want);
        });
      }),
      { numRuns: 100 },
    );
  });

  it("a decimal as base64 bytes and as VariableScaleDecimal: exact at the column's scale, or NULL where a digit drops or P digits do not hold it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(decimalCase, { minLength: 1, maxLength: 40 }), async (cases) => {
        const exprs = cases.map((c, i) => {
          const type = `Decimal(${c.precision}, ${c.scale})`;
          const base64 = convertExpr(
            { name: `b${i}`, path: 'x', type, encoding: 'base64' },
            `materialize(${quoteString(javaBytes(c.unscaled))})`,
          );
          const variable = convertExpr(
            { name: `v${i}`, path: 'x', type, encoding: 'variable_scale' },
            `materialize(${quoteString(JSON.stringify({ scale: c.sent, value: javaBytes(c.unscaled) }))})`,
          );
          // decimal.handling.mode=string: the value's text at the scale it was sent in.
          const text = convertExpr(
            { name: `s${i}`, path: 'x', type },
            `materialize(${quoteString(decimalText(c.unscaled, c.sent))})`,
          );
          return `[toString(${base64}), toString(${variable}), toString(${text})]`;
        });
        const [row] = await engine.rows<{ r: (string | null)[][] }>(`SELECT [${exprs.join(', ')}] AS r`);
        cases.forEach((c, i) => {
          const fits = (u: bigint) => (u < 0n ? -u : u) < 10n ** BigInt(c.precision);
          const norm = (t: string) =>
            t
              .replace(/(\.\d*?)0+$/, '$1')
              .replace(/\.$/, '')
              .replace(/^-0$/, '0');
          const want = fits(c.unscaled) ? norm(decimalText(c.unscaled, c.scale)) : null;
          // At its own scale: brought to the column's exactly, or NULL where digits would drop or it does not fit.
          // Debezium's bytes are read up to 16 (Int128).
          const d = 10n ** BigInt(Math.max(c.sent - c.scale, 0));
          const atColumn =
            c.sent <= c.scale
              ? c.unscaled * 10n ** BigInt(c.scale - c.sent)
              : c.unscaled % d === 0n
                ? c.unscaled / d
                : null;
          const atScale = atColumn !== null && fits(atColumn) ? norm(decimalText(atColumn, c.scale)) : null;
          const int128 = c.unscaled >= -(2n ** 127n) && c.unscaled < 2n ** 127n;
          expect(
            row!.r[i]!.map((v) => (v === null ? null : norm(v))),
            JSON.stringify({ ...c, unscaled: String(c.unscaled) }),
          ).toEqual([want, int128 ? atScale : null, atScale]);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('a count that is not an integer, or leaves Int64, is NULL in every unit and type, never truncated', async () => {
    const columns: Column[] = [
      ...Object.keys(EPOCH).map((encoding) => ({ name: encoding, type: "DateTime64(6, 'UTC')", encoding })),
      ...Object.keys(CLOCK).map((encoding) => ({ name: encoding, type: 'Time64(6)', encoding })),
      { name: 'days', type: 'Date32', encoding: 'epoch_days' },
    ] as Column[];
    const sent = ['1.5', '1.0', 'true', '1e3', '', '9223372036854775808', '-9223372036854775809'];
    const exprs = columns.flatMap((c) => sent.map((text) => convertedText(c, text)));
    const [row] = await engine.rows<{ r: (string | null)[] }>(`SELECT [${exprs.join(', ')}] AS r`);
    expect(row!.r).toEqual(exprs.map(() => null));
    // An integer's text converts in each of them: the NULLs above are the texts', not the conversions'.
    const zeros = columns.map((c) => convertedText(c, '0'));
    const [zero] = await engine.rows<{ r: (string | null)[] }>(`SELECT [${zeros.join(', ')}] AS r`);
    expect(zero!.r.map((v) => v?.slice(0, 10))).toEqual(
      columns.map((c) => (c.type === 'Time64(6)' ? '00:00:00.0' : '1970-01-01')),
    );
  });

  it("a double or a real from its JSON text: the value JavaScript's parse gives, bit for bit; NaN and the infinities as Jackson writes them; true or a number past a double's range refused", async () => {
    // Every double (bit patterns, NaN and the infinities among them) as JavaScript writes it, Java's exponent form,
    // and integers written without a point, up to and past Int64 and UInt64.
    const text = fc.oneof(
      fc.double().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toExponential().replace('e+', 'E')),
      fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 50 }), async (texts) => {
        const exprs = texts.flatMap((t, i) =>
          [64, 32].map(
            (width) =>
              `arrayMap(v -> if(isNull(v), NULL, toString(reinterpretAsUInt${width}(assumeNotNull(v)))), [${convertExpr({ name: `f${i}`, path: 'x', type: `Float${width}` }, `materialize(${quoteString(t)})`)}])[1]`,
          ),
        );
        const [row] = await engine.rows<{ r: (string | null)[] }>(`SELECT [${exprs.join(', ')}] AS r`);
        texts.forEach((t, i) => {
          const bits = (x: number, width: 4 | 8) => {
            const view = new DataView(new ArrayBuffer(width));
            if (width === 8) view.setFloat64(0, x);
            else view.setFloat32(0, x);
            return String(width === 8 ? view.getBigUint64(0) : view.getUint32(0));
          };
          const x = Number(t);
          const real = Math.fround(x);
          // A real beyond Float32's range is refused (NULL), unless it was infinite to begin with.
          expect([row!.r[2 * i], row!.r[2 * i + 1]], t).toEqual([
            bits(x, 8),
            Number.isFinite(real) || !Number.isFinite(x) ? bits(real, 4) : null,
          ]);
        });
      }),
      { numRuns: 100 },
    );
    const refused = ['true', 'false', 'null', '1e400', '-1e400', 'inf', 'nan', 'abc', '', '[1]'];
    const [row] = await engine.rows<{ r: (string | null)[] }>(
      `SELECT [${refused.map((t, i) => convertedText({ name: `r${i}`, type: 'Float64' }, t)).join(', ')}] AS r`,
    );
    expect(row!.r).toEqual(refused.map(() => null));
  });
});
