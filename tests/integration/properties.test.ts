import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { quoteIdent, quoteString } from '../../src/core/quote.js';
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
