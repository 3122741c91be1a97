import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { SafetyError } from '../../src/core/errors.js';
import { runFlatten } from '../../src/kinds/flatten/run/run.js';
import { diffMappings } from '../../src/kinds/flatten/mapping/diff-mappings.js';
import { readMapping } from '../../src/kinds/flatten/mapping/mapping-file.js';
import type { FlattenPlan } from '../../src/kinds/flatten/plan/plan.js';
import { validatePlan } from '../../src/kinds/flatten/validate/validate.js';
import { discoverDayMappings, discoverMapping } from '../../src/kinds/flatten/workflows/discover-mapping.js';
import { transform } from '../../src/kinds/flatten/workflows/transform.js';
import { renderDiff } from '../../src/kinds/flatten/commands/diff.js';
import { openTestEngine, scalar, testSettings } from '../helpers/engine.js';
import { compileFlatten } from '../helpers/pipeline.js';

const DAYS = ['2025-10-08', '2025-10-09', '2025-10-10'];
// Keys per day: 'a' disappears after day 1, 'd' arrives on day 2, 'e' and '' on day 3.
const KEYS: Record<string, string[]> = {
  '2025-10-08': ['b', 'c', 'a'],
  '2025-10-09': ['b', 'd', 'c'],
  '2025-10-10': ['e', 'c', '', 'b'],
};

let ctx: Awaited<ReturnType<typeof openTestEngine>>;
let engine: Engine;

beforeAll(async () => {
  ctx = await openTestEngine();
  engine = ctx.engine;
  await engine.command(`CREATE TABLE default.days (timestampMs DateTime64(3), clientId String, sessionId UInt256, customerId Int32,
    metricIntGroup1 Map(String, Int64), metricFloatGroup1 Map(String, Float64)) ENGINE = MergeTree PARTITION BY toDate(timestampMs) ORDER BY timestampMs`);
  for (const [d, [day, keys]] of Object.entries(KEYS).entries()) {
    const list = `[${keys.map((k) => `'${k}'`).join(', ')}]`;
    await engine.command(`INSERT INTO default.days SELECT toDateTime64('${day} 00:00:00', 3) + toIntervalSecond(number * 37), concat('c', toString(number % 7)), number % 3, 1,
      mapFromArrays(${list}, arrayMap(i -> toInt64(number * (i + ${d})), range(${keys.length}))), map(${list}[1 + number % ${keys.length}], number / 8)
      FROM numbers(1000)`);
  }
});
afterAll(async () => ctx.cleanup());

const settingsFor = (target: string) => testSettings({ source: 'default.days', target: `default.${target}` });

/** discover (evolving `base`) → compile (migrating from `base`) → run, for one day. */
async function loadDay(
  target: string,
  day: string,
  base: string | null,
  tag: string,
): Promise<{ plan: FlattenPlan; mappingPath: string }> {
  const settings = settingsFor(target);
  const mappingPath = join(ctx.dir, `${target}-${tag}.json`);
  await discoverMapping(engine, settings, { from: day, out: mappingPath, base: base ?? undefined });
  const out = join(ctx.dir, 'plans', `${target}-${tag}`);
  const plan = await compileFlatten(engine, settings, {
    mapping: mappingPath,
    out,
    previous: base ? readMapping(base) : null,
  });
  await runFlatten(engine, plan, { days: [day], chunk: 'day' });
  return { plan, mappingPath };
}

/** The source sum of every key on every day equals the target column's sum on that day. */
async function expectExactPerDay(target: string, plan: FlattenPlan): Promise<void> {
  for (const day of DAYS) {
    for (const entry of plan.mapping.int) {
      const source = await scalar(
        engine,
        `SELECT sum(metricIntGroup1['${entry.key}']) FROM default.days WHERE toDate(timestampMs) = '${day}'`,
      );
      const loaded = await scalar(
        engine,
        `SELECT sum(${entry.column}) FROM default.${target} WHERE toDate(timestampMs) = '${day}'`,
      );
      expect(loaded, `${day} ${JSON.stringify(entry.key)} in ${entry.column}`).toBe(source);
    }
    expect((await validatePlan(engine, plan, [day])).passed, day).toBe(true);
  }
}

describe('mappings that evolve across days', () => {
  it('loads three days in order with stable columns, migrations and exact per-day sums', async () => {
    const d1 = await loadDay('ordered', DAYS[0]!, null, 'd1');
    const d2 = await loadDay('ordered', DAYS[1]!, d1.mappingPath, 'd2');
    const d3 = await loadDay('ordered', DAYS[2]!, d2.mappingPath, 'd3');
    expect(d3.plan.mapping.int.map((e) => `${e.column}=${e.key}`)).toEqual([
      'int1=a',
      'int2=b',
      'int3=c',
      'int4=d',
      'int5=',
      'int6=e',
    ]);
    expect(d3.plan.mapping.version).toBe(3);
    expect(existsSync(join(d2.plan.dir, '08_add_columns_target.sql'))).toBe(true);
    expect(readFileSync(join(d3.plan.dir, '08_add_columns_target.sql'), 'utf8')).toMatch(
      /ADD COLUMN IF NOT EXISTS `int5` Int32 DEFAULT 0 COMMENT ''/,
    );
    // The migration is safe to apply again.
    await engine.command(readFileSync(join(d3.plan.dir, '08_add_columns_target.sql'), 'utf8'));
    await expectExactPerDay('ordered', d3.plan);
  });

  it('loads the same days out of order into one consistent table', async () => {
    const d3 = await loadDay('shuffled', DAYS[2]!, null, 'd3');
    const d1 = await loadDay('shuffled', DAYS[0]!, d3.mappingPath, 'd1');
    const d2 = await loadDay('shuffled', DAYS[1]!, d1.mappingPath, 'd2');
    expect(d2.plan.mapping.int.map((e) => `${e.column}=${e.key}`)).toEqual([
      'int1=',
      'int2=b',
      'int3=c',
      'int4=e',
      'int5=a',
      'int6=d',
    ]);
    await expectExactPerDay('shuffled', d2.plan);
  });

  it('refuses a conflicting plan before anything changes, explaining with the columns', async () => {
    const settings = settingsFor('ordered');
    const fresh = join(ctx.dir, 'fresh-d2.json');
    await discoverMapping(engine, settings, { from: DAYS[1]!, out: fresh });
    const conflict = await compileFlatten(engine, settings, {
      mapping: fresh,
      out: join(ctx.dir, 'plans', 'conflict'),
    });
    const before = await scalar(engine, 'SELECT sum(cityHash64(*)) FROM default.ordered');
    const columnsBefore = await scalar(engine, "SELECT count() FROM system.columns WHERE table = 'ordered'");
    const refused = await runFlatten(engine, conflict, { days: [DAYS[1]!], chunk: 'day' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SafetyError);
    expect((refused as Error).message).toMatch(
      /int1: holds "a", this plan puts "b" there \("b" lives in int2\)[\s\S]*--base/,
    );
    expect(await scalar(engine, 'SELECT sum(cityHash64(*)) FROM default.ordered')).toBe(before);
    expect(await scalar(engine, "SELECT count() FROM system.columns WHERE table = 'ordered'")).toBe(columnsBefore);
  });

  it('diffs two days: added, removed and moved keys', async () => {
    const [first, second] = await discoverDayMappings(engine, settingsFor('x'), [DAYS[0]!, DAYS[1]!]);
    const diff = diffMappings(first, second);
    expect(diff.compatible).toBe(false);
    expect(diff.added.map((k) => `${k.kind}:${k.key}`)).toEqual(['float:d', 'int:d']);
    expect(diff.removed.map((k) => `${k.kind}:${k.key}`)).toEqual(['float:a', 'int:a']);
    expect(diff.moved.map((k) => `${k.key}:${k.from}->${k.to}`)).toEqual([
      'b:float2->float1',
      'c:float3->float2',
      'b:int2->int1',
      'c:int3->int2',
    ]);
    await expect(renderDiff(diff)).toMatchFileSnapshot('../golden/diff/two-days.txt');
    const evolved = readMapping(join(ctx.dir, 'ordered-d2.json'));
    const compatible = diffMappings(readMapping(join(ctx.dir, 'ordered-d1.json')), evolved);
    expect(compatible.compatible).toBe(true);
    await expect(renderDiff(compatible)).toMatchFileSnapshot('../golden/diff/evolved.txt');
  });

  it('reserves spare columns so a new key needs no new column', async () => {
    const settings = settingsFor('spare');
    const d1 = join(ctx.dir, 'spare-d1.json');
    await discoverMapping(engine, settings, { from: DAYS[0]!, out: d1, spareColumns: 2 });
    await runFlatten(
      engine,
      await compileFlatten(engine, settings, { mapping: d1, out: join(ctx.dir, 'plans', 'spare1') }),
      { days: [DAYS[0]!], chunk: 'day' },
    );
    const columns = await scalar(engine, "SELECT count() FROM system.columns WHERE table = 'spare'");
    const d2 = join(ctx.dir, 'spare-d2.json');
    await discoverMapping(engine, settings, { from: DAYS[1]!, out: d2, base: d1, spareColumns: 2 });
    expect(readMapping(d2).int.find((e) => e.key === 'd')!.column).toBe('int4');
    const plan = await compileFlatten(engine, settings, {
      mapping: d2,
      out: join(ctx.dir, 'plans', 'spare2'),
      previous: readMapping(d1),
    });
    expect(plan.sql.add_columns_target).toMatch(/COMMENT COLUMN `int4` 'd'[\s\S]*ADD COLUMN IF NOT EXISTS `int6`/);
    await runFlatten(engine, plan, { days: [DAYS[1]!], chunk: 'day' });
    expect(Number(await scalar(engine, "SELECT count() FROM system.columns WHERE table = 'spare'"))).toBe(
      Number(columns) + 2,
    ); // int6 and float6 keep two spares per kind
    expect(await scalar(engine, "SELECT comment FROM system.columns WHERE table = 'spare' AND name = 'int4'")).toBe(
      'd',
    );
  });

  it('transform over a range of days with different keys passes validation for every day', async () => {
    const settings = settingsFor('ranged');
    const result = await transform(engine, settings, {
      from: DAYS[0]!,
      to: DAYS[2]!,
      mappingOut: join(ctx.dir, 'ranged.json'),
      planOut: join(ctx.dir, 'plans', 'ranged'),
    });
    expect(result.days.map((d) => d.status)).toEqual(['published', 'published', 'published']);
    expect(result.report.days.map((d) => d.day)).toEqual(DAYS);
    expect(result.report.passed).toBe(true);
  });
});
