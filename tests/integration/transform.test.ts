import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { seedDay } from '../../src/kinds/flatten/seed/seed.js';
import { seedMaps } from '../../src/kinds/flatten/seed/key-catalog.js';
import { openTestEngine, rowsDiffering, scalar, testSettings } from '../helpers/engine.js';
import { flattenDays } from '../helpers/pipeline.js';
import type { Mapping } from '../../src/kinds/flatten/mapping/mapping.js';
import { join } from 'node:path';
import { clientSideFlatten } from '../../src/kinds/flatten/bench/client-baseline.js';
import { dayWindow, windowParams } from '../../src/core/windows.js';
import { readPlan } from '../../src/kinds/flatten/plan/plan.js';
import { introspectSource } from '../../src/kinds/flatten/schema/introspect.js';

const DAY = '2025-10-08';
let ctx: Awaited<ReturnType<typeof openTestEngine>>;
let engine: Engine;

beforeAll(async () => {
  ctx = await openTestEngine();
  engine = ctx.engine;
  await seedDay(engine, testSettings(), { day: DAY, rows: 40_000, customers: 3, seed: 7, replace: false });
  // Rows on neighbouring days must not leak into the day's target.
  await seedDay(engine, testSettings(), { day: '2025-10-09', rows: 5_000, customers: 3, seed: 8, replace: false });
});
afterAll(async () => ctx.cleanup());

/** How often the engine has counted `event` since it started (system.events). */
const eventCount = (event: string) =>
  scalar(engine, `SELECT sum(value) FROM system.events WHERE event = '${event}'`).then(Number);

/**
 * Every (group, key) value of the target, compared with a direct computation from the
 * source written differently: ARRAY JOIN unpivot + GROUP BY, joined to the target
 * unpivoted through the mapping. Returns the number of disagreeing (group, key) pairs.
 */
async function mismatches(
  target: string,
  mapping: Mapping,
  kind: 'int' | 'float',
): Promise<{ pairs: number; bad: number }> {
  const maps = seedMaps()
    .filter((m) => m.kind === kind)
    .map((m) => m.column);
  const entries = mapping[kind];
  const cast = kind === 'int' ? 'toInt64' : 'toFloat64';
  const expected = `
    SELECT toStartOfMinute(timestampMs) AS m, clientId AS c, sessionId AS s, kv.1 AS k, sum(${cast}(kv.2)) AS v
    FROM default.eco_cross_page_flow_pt1m_local
    ARRAY JOIN arrayConcat(${maps.map((m) => `arrayZip(mapKeys(${m}), CAST(mapValues(${m}), 'Array(Float64)'))`).join(', ')}) AS kv
    WHERE toDate(timestampMs) = '${DAY}'
    GROUP BY m, c, s, k
    HAVING v != 0`;
  const actual = `
    SELECT timestampMs AS m, clientId AS c, sessionId AS s, kv.1 AS k, kv.2 AS v
    FROM ${target}
    ARRAY JOIN [${entries.map((e) => `(${JSON.stringify(e.key).replace(/"/g, "'")}, ${cast}(${e.column}))`).join(', ')}] AS kv
    WHERE kv.2 != 0`;
  const compare = kind === 'int' ? 'e.v != a.v' : 'abs(e.v - a.v) > 1e-6 * greatest(abs(e.v), abs(a.v), 1e-9)';
  const [row] = await engine.rows<{ pairs: string; bad: string }>(`
    SELECT count() AS pairs, countIf(${compare} OR e.k = '' OR a.k = '') AS bad
    FROM (${expected}) AS e FULL OUTER JOIN (${actual}) AS a ON e.m = a.m AND e.c = a.c AND e.s = a.s AND e.k = a.k
    SETTINGS join_use_nulls = 0`);
  return { pairs: Number(row!.pairs), bad: Number(row!.bad) };
}

describe('flatten pipeline on seeded data', () => {
  it('matches an independent unpivot computation for every (group, key) and passes validation', async () => {
    const settings = testSettings();
    const { plan, days, report } = await flattenDays(engine, settings, ctx.dir, DAY);
    expect(days[0]).toMatchObject({ status: 'published', rowsRead: 40_000 });
    expect(report.passed).toBe(true);
    expect(report.days[0]!.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);

    const groups = await scalar(
      engine,
      `SELECT uniqExact(toStartOfMinute(timestampMs), clientId, sessionId) FROM default.eco_cross_page_flow_pt1m_local WHERE toDate(timestampMs) = '${DAY}'`,
    );
    expect(await scalar(engine, 'SELECT count() FROM default.eco_cross_page_preagg_pt1m')).toBe(groups);
    for (const kind of ['int', 'float'] as const) {
      const result = await mismatches('default.eco_cross_page_preagg_pt1m', plan.mapping, kind);
      expect(result.pairs).toBeGreaterThan(10_000);
      expect(result.bad).toBe(0);
    }
    // Shared keys sum every map they appear in.
    const shared = plan.mapping.int.find((e) => e.key === 'error_count')!;
    expect(shared.maps).toEqual(['metricIntGroup1', 'metricIntGroup2']);
    const direct = await scalar(
      engine,
      `SELECT sum(metricIntGroup1['error_count']) + sum(metricIntGroup2['error_count']) FROM default.eco_cross_page_flow_pt1m_local WHERE toDate(timestampMs) = '${DAY}'`,
    );
    expect(await scalar(engine, `SELECT sum(${shared.column}) FROM default.eco_cross_page_preagg_pt1m`)).toBe(direct);
  });

  it("builds the insert's join on the groups' aggregates and streams the dimension rows past it", async () => {
    // Built the other way round, the join copied 45 dimension columns row by row and the day took about a third longer.
    // Deduplicated by LIMIT 1 BY first, in one thread, an hour chunk took about a tenth longer.
    const insert = readPlan(join(ctx.dir, 'plans', 'eco_cross_page_preagg_pt1m')).sql.insert_chunk!;
    const select = insert.slice(insert.indexOf('\nWITH\n'));
    const explain = await engine.rows<{ explain: string }>(`EXPLAIN PLAN ${select}`, {
      params: windowParams(dayWindow(DAY, 'UTC')),
    });
    const text = explain.map((r) => r.explain).join('\n');
    expect(text).toMatch(/__chplan_dims(\[\d+\])? ⋈ __chplan_sums/);
    // Each group joins once, to the first of its rows: the rows are not deduplicated (LIMIT 1 BY, one thread) first.
    expect(text).toContain('Type: inner | Strictness: any');
    expect(text).not.toContain('LimitBy');
  });

  it('gives identical tables with the readable and the indexed strategy, by day or by hour, spilling the GROUP BY or not', async () => {
    await flattenDays(engine, testSettings({ target: 'default.flat_readable', strategy: 'readable' }), ctx.dir, DAY);
    await flattenDays(engine, testSettings({ target: 'default.flat_hourly', chunk: 'hour' }), ctx.dir, DAY);
    // Tiny thresholds make the aggregation spill to disk on every block.
    const spills = () => eventCount('ExternalAggregationWritePart');
    const spilledBefore = await spills();
    const insertSettings = {
      max_bytes_before_external_group_by: 1,
      group_by_two_level_threshold: 1,
      group_by_two_level_threshold_bytes: 1,
    };
    const { plan } = await flattenDays(
      engine,
      testSettings({ target: 'default.flat_spilled', insertSettings }),
      ctx.dir,
      DAY,
    );
    expect(plan.sql.insert_chunk).toMatch(/max_bytes_before_external_group_by = 1,\s+group_by_two_level_threshold = 1/);
    expect(await spills()).toBeGreaterThan(spilledBefore);
    for (const other of ['default.flat_readable', 'default.flat_hourly', 'default.flat_spilled'])
      expect(await rowsDiffering(engine, 'default.eco_cross_page_preagg_pt1m', other)).toBe(0);
  });

  it('gives the same table when the join spills to disk, or the INSERT asks for the legacy ANY join', async () => {
    const spills = () => eventCount('ExternalJoinWritePart');
    const spilledBefore = await spills();
    // The legacy meaning joins every source row of a group to its sums. The configuration refuses it; an INSERT that
    // sets it anyway (a plan edited by hand) must still be overruled by its SELECT's own SETTINGS.
    const settings = testSettings({ target: 'default.flat_join_spilled' });
    const insertSettings = { max_bytes_before_external_join: 1_000_000, any_join_distinct_right_table_keys: 1 };
    expect(() => testSettings({ insertSettings })).toThrow(/any_join_distinct_right_table_keys=1 is refused/);
    await flattenDays(engine, { ...settings, insertSettings }, ctx.dir, DAY);
    expect(await spills()).toBeGreaterThan(spilledBefore);
    expect(await rowsDiffering(engine, 'default.eco_cross_page_preagg_pt1m', 'default.flat_join_spilled')).toBe(0);
  });

  it('builds the same table as the client-side baseline, an independent computation in JavaScript', async () => {
    const plan = readPlan(join(ctx.dir, 'plans', 'eco_cross_page_preagg_pt1m'));
    const target = 'default.eco_cross_page_preagg_pt1m';
    await engine.command(`CREATE TABLE default.flat_client AS ${target}`);
    const schema = await introspectSource(engine, testSettings());
    expect(await clientSideFlatten(engine, plan, schema, dayWindow(DAY, 'UTC'), 1_000_000, 'default.flat_client')).toBe(
      40_000,
    );
    const floats = new Set(plan.mapping.float.map((e) => e.column));
    const columns = (
      await engine.rows<{ name: string }>(
        `SELECT name FROM system.columns WHERE database = 'default' AND table = 'eco_cross_page_preagg_pt1m' ORDER BY position`,
      )
    ).map((r) => r.name);
    expect(columns.length).toBeGreaterThan(plan.mapping.int.length + floats.size + 40);
    const same = columns
      .map((c) => (floats.has(c) ? `abs(a.${c} - b.${c}) <= 1e-6 * greatest(abs(a.${c}), 1)` : `a.${c} = b.${c}`))
      .join(' AND ');
    const groups = await scalar(engine, `SELECT count() FROM ${target}`);
    expect(await scalar(engine, 'SELECT count() FROM default.flat_client')).toBe(groups);
    expect(
      await scalar(
        engine,
        `SELECT countIf(${same}) FROM ${target} AS a INNER JOIN default.flat_client AS b USING (timestampMs, clientId, sessionId)`,
      ),
    ).toBe(groups);
  });

  it('re-running a day replaces it instead of adding to it', async () => {
    const settings = testSettings();
    const before = await scalar(engine, 'SELECT sum(int1) + count() FROM default.eco_cross_page_preagg_pt1m');
    await flattenDays(engine, settings, ctx.dir, DAY);
    expect(await scalar(engine, 'SELECT sum(int1) + count() FROM default.eco_cross_page_preagg_pt1m')).toBe(before);
  });

  it('an empty day changes nothing and says so', async () => {
    const settings = testSettings();
    const before = await scalar(engine, 'SELECT count() FROM default.eco_cross_page_preagg_pt1m');
    const { days } = await flattenDays(engine, settings, ctx.dir, '2025-10-07', DAY);
    expect(days.map((d) => d.status)).toEqual(['empty', 'published']);
    expect(await scalar(engine, 'SELECT count() FROM default.eco_cross_page_preagg_pt1m')).toBe(before);
  });

  it('a customer-scoped plan never touches other customers in the target', async () => {
    const groupsOf = (c: number) =>
      scalar(
        engine,
        `SELECT uniqExact(toStartOfMinute(timestampMs), clientId, sessionId) FROM default.eco_cross_page_flow_pt1m_local WHERE toDate(timestampMs) = '${DAY}' AND customerId = ${c}`,
      );
    const rowsOf = (c: number) => scalar(engine, `SELECT count() FROM default.flat_scoped WHERE customerId = ${c}`);
    await flattenDays(engine, testSettings({ target: 'default.flat_scoped', customers: [1] }), ctx.dir, DAY);
    await flattenDays(engine, testSettings({ target: 'default.flat_scoped', customers: [2, 3] }), ctx.dir, DAY);
    for (const c of [1, 2, 3]) expect(await rowsOf(c)).toBe(await groupsOf(c));
    // Reloading customer 1 alone still leaves 2 and 3 as they were.
    const others = await scalar(engine, 'SELECT sum(int1) FROM default.flat_scoped WHERE customerId != 1');
    await flattenDays(engine, testSettings({ target: 'default.flat_scoped', customers: [1] }), ctx.dir, DAY);
    expect(await scalar(engine, 'SELECT sum(int1) FROM default.flat_scoped WHERE customerId != 1')).toBe(others);
    expect(await rowsOf(1)).toBe(await groupsOf(1));
  });
});
