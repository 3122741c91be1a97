import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { UnmappedKeysError } from '../../src/core/errors.js';
import { runFlatten } from '../../src/kinds/flatten/run/run.js';
import { openTestEngine, scalar, testSettings } from '../helpers/engine.js';
import { flattenDays } from '../helpers/pipeline.js';
import { quoteIdent, quoteString } from '../../src/core/quote.js';
import { UNMAPPED_GUARD_MARK } from '../../src/kinds/flatten/compile/metric-expressions.js';

const DAY = '2025-10-08';
const HOSTILE = [
  "it's",
  'back\\slash',
  'tick`tick',
  "x'; DROP TABLE t; --",
  '😀 emoji',
  ' spaced key ',
  '',
  'new\nline',
  'é',
  'shared',
];

let ctx: Awaited<ReturnType<typeof openTestEngine>>;
let engine: Engine;

// A source unlike the seeded one: 3 int maps of different value types, 2 float maps,
// other dimension columns, a different database and no tag columns.
beforeAll(async () => {
  ctx = await openTestEngine();
  engine = ctx.engine;
  await engine.command('CREATE DATABASE odd');
  await engine.command(`CREATE TABLE odd.events (
    timestampMs DateTime64(3), clientId String, sessionId UInt256, customerId Int32, region LowCardinality(String), build UInt16,
    metricIntGroup1 Map(String, Int32), metricIntGroup2 Map(String, UInt64), metricIntGroup7 Map(String, Int64),
    metricFloatGroup1 Map(String, Float32), metricFloatGroup4 Map(String, Float64)
  ) ENGINE = MergeTree ORDER BY (clientId, timestampMs)`);
  // Row i: every hostile key in map 1 with value i, 'shared' also in maps 2 and 7.
  const keys = `[${HOSTILE.map(quoteString).join(', ')}]`;
  await engine.command(`INSERT INTO odd.events SELECT
      toDateTime64('${DAY} 10:00:00', 3) + toIntervalSecond(number * 7), concat('c', toString(number % 3)), toUInt256(number % 2), 1, 'eu', 7,
      mapFromArrays(${keys}, arrayMap(k -> toInt32(number), ${keys})),
      map('shared', toUInt64(100), 'big', toUInt64(1)),
      map('shared', toInt64(1000)),
      map(${quoteString("f'1")}, toFloat32(0.5)),
      map('shared', toFloat64(number) / 4)
    FROM numbers(200)`);
});
afterAll(async () => ctx.cleanup());

describe('hostile keys and an unusual source', () => {
  it('puts every hostile key in its own column with the exact sum', async () => {
    const settings = testSettings({ source: 'odd.events', target: 'odd.flat' });
    const { plan, report } = await flattenDays(engine, settings, ctx.dir, DAY);
    expect(report.passed).toBe(true);
    const expected = (200 * 199) / 2;
    for (const key of HOSTILE) {
      const entry = plan.mapping.int.find((e) => e.key === key)!;
      expect(entry, key).toBeDefined();
      const extra = key === 'shared' ? 200 * (100 + 1000) : 0;
      expect(await scalar(engine, `SELECT sum(\`${entry.column}\`) FROM odd.flat`), key).toBe(String(expected + extra));
    }
    expect(plan.mapping.int.map((e) => e.key)).toEqual([
      '',
      ' spaced key ',
      'back\\slash',
      'big',
      "it's",
      'new\nline',
      'shared',
      'tick`tick',
      "x'; DROP TABLE t; --",
      'é',
      '😀 emoji',
    ]);
    expect(plan.mapping.float.map((e) => [e.key, e.maps])).toEqual([
      ["f'1", ['metricFloatGroup1']],
      ['shared', ['metricFloatGroup4']],
    ]);
    const shared = plan.mapping.float.find((e) => e.key === 'shared')!;
    expect(Number(await scalar(engine, `SELECT sum(${shared.column}) FROM odd.flat`))).toBeCloseTo(expected / 4, 3);
    // The odd dimensions are carried; the table survived the DROP TABLE key.
    expect(await scalar(engine, 'SELECT any(region) || toString(any(build)) FROM odd.flat')).toBe('eu7');
    expect(await scalar(engine, "SELECT count() FROM system.tables WHERE database = 'odd' AND name = 'events'")).toBe(
      '1',
    );
  });

  it('stops before inserting when the source has a key the mapping lacks', async () => {
    const settings = testSettings({ source: 'odd.events', target: 'odd.flat' });
    const { plan } = await flattenDays(engine, settings, ctx.dir, DAY);
    const before = await scalar(engine, 'SELECT sum(int1) FROM odd.flat');
    // A new key, and a known key of map 1 turning up in map 7: both would be lost.
    await engine.command(
      `INSERT INTO odd.events (timestampMs, clientId, sessionId, metricIntGroup2, metricIntGroup7) VALUES ('${DAY} 12:00:00', 'c9', 5, map('brand_new', 5, 'shared', 1), map('it''s', 3))`,
    );
    const failure = await runFlatten(engine, plan, { days: [DAY], chunk: 'day' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnmappedKeysError);
    expect((failure as UnmappedKeysError).keys).toEqual([
      { key: 'brand_new', map: 'metricIntGroup2', rows: 1 },
      { key: "it's", map: 'metricIntGroup7', rows: 1 },
    ]);
    expect((failure as Error).message).toMatch(
      /chplan discover --day 2025-10-08 --base \S+\/mapping.json --out mapping.json --source odd.events --target odd.flat [\s\S]* --data-dir /,
    );
    // The insert stopped itself (no separate preflight ran first) and left nothing in staging.
    expect(plan.manifest.insertChecksUnmappedKeys).toBe(true);
    expect(plan.sql.insert_chunk).toContain(UNMAPPED_GUARD_MARK);
    expect(await scalar(engine, 'SELECT count() FROM odd.flat__chplan_staging')).toBe('0');
    expect(await scalar(engine, 'SELECT sum(int1) FROM odd.flat')).toBe(before);
    await engine.command("ALTER TABLE odd.events DELETE WHERE clientId = 'c9' SETTINGS mutations_sync = 2");
  });

  it('stops on a key in a map the mapping has no key of at all (float maps empty when discovered)', async () => {
    await engine.command(`CREATE TABLE odd.ints_only (
      timestampMs DateTime64(3), clientId String, sessionId UInt64, customerId Int32,
      metricIntGroup1 Map(String, Int64), metricFloatGroup1 Map(String, Float64)
    ) ENGINE = MergeTree ORDER BY (clientId, timestampMs)`);
    await engine.command(
      `INSERT INTO odd.ints_only SELECT toDateTime64('${DAY} 10:00:00', 3) + toIntervalSecond(number), 'c', number % 3, 1, map('a', toInt64(number)), map() FROM numbers(50)`,
    );
    const settings = testSettings({ source: 'odd.ints_only', target: 'odd.ints_flat' });
    const { plan, report } = await flattenDays(engine, settings, ctx.dir, DAY);
    expect(report.passed).toBe(true);
    expect(plan.mapping.float).toEqual([]);
    expect(await scalar(engine, 'SELECT sum(int1) FROM odd.ints_flat')).toBe(String((50 * 49) / 2));
    await engine.command(
      `INSERT INTO odd.ints_only (timestampMs, clientId, sessionId, metricIntGroup1, metricFloatGroup1) VALUES ('${DAY} 12:00:00', 'c', 1, map('a', 1), map('late', 0.5))`,
    );
    const failure = await runFlatten(engine, plan, { days: [DAY], chunk: 'day' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnmappedKeysError);
    expect((failure as UnmappedKeysError).keys).toEqual([{ key: 'late', map: 'metricFloatGroup1', rows: 1 }]);
    expect(await scalar(engine, 'SELECT count() FROM odd.ints_flat__chplan_staging')).toBe('0');
    expect(await scalar(engine, 'SELECT sum(int1) FROM odd.ints_flat')).toBe(String((50 * 49) / 2));
  });
});

describe('views over hostile keys', () => {
  it('the named view exposes every key by name and the compatibility view rebuilds the maps', async () => {
    const settings = testSettings({ source: 'odd.events', target: 'odd.viewed' });
    const { plan } = await flattenDays(engine, settings, ctx.dir, DAY);
    for (const entry of plan.mapping.int.filter((e) => e.key !== '')) {
      expect(
        await scalar(
          engine,
          `SELECT sum(${quoteIdent(entry.key === 'shared' ? 'shared' : entry.key)}) FROM odd.viewed_named`,
        ),
        entry.key,
      ).toBe(await scalar(engine, `SELECT sum(${entry.column}) FROM odd.viewed`));
    }
    expect(await scalar(engine, 'SELECT sum(`(empty int key)`) FROM odd.viewed_named')).toBe(
      await scalar(engine, `SELECT sum(${plan.mapping.int.find((e) => e.key === '')!.column}) FROM odd.viewed`),
    );
    expect(await scalar(engine, 'SELECT toString(sum(`shared (float)`)) FROM odd.viewed_named')).toBe(
      await scalar(engine, "SELECT toString(sum(metricFloatGroup4['shared'])) FROM odd.events"),
    );
    // Old queries, unchanged, against the compatibility view.
    for (const key of HOSTILE.filter((k) => k !== 'shared')) {
      const q = (table: string) => `SELECT sum(metricIntGroup1[${quoteString(key)}]) FROM ${table}`;
      expect(await scalar(engine, q('odd.viewed_compat')), key).toBe(await scalar(engine, q('odd.events')));
    }
    const all = (table: string) =>
      `SELECT sum(metricIntGroup1['shared']) + sum(metricIntGroup2['shared']) + sum(metricIntGroup7['shared']) FROM ${table}`;
    expect(await scalar(engine, all('odd.viewed_compat'))).toBe(await scalar(engine, all('odd.events')));
    expect(await scalar(engine, 'SELECT count() FROM odd.viewed_compat WHERE has(mapValues(metricIntGroup1), 0)')).toBe(
      '0',
    );
  });
});
