import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { ApprovalError, ExecutionError, SafetyError } from '../../src/core/errors.js';
import { type RunEvent } from '../../src/execute/run-plan.js';
import { runFlatten } from '../../src/kinds/flatten/run/run.js';
import { watermarks } from '../../src/kinds/sync/run/load-window.js';
import { readLedger } from '../../src/execute/ledger.js';
import { acquireLease, activeHolders } from '../../src/execute/lease.js';
import { approvePlan, requireApproval } from '../../src/plan/approval.js';
import { readPlan, type FlattenPlan } from '../../src/kinds/flatten/plan/plan.js';
import { seedDay } from '../../src/kinds/flatten/seed/seed.js';
import { compilePlanDir } from '../../src/kinds/flatten/plan/compile-plan-dir.js';
import { discoverMapping } from '../../src/kinds/flatten/workflows/discover-mapping.js';
import { validatePlan } from '../../src/kinds/flatten/validate/validate.js';
import { chunkGranules } from '../../src/kinds/flatten/run/chunk-reads.js';
import { sortingKeyWindowTerms } from '../../src/kinds/flatten/schema/window-filter.js';
import { chunksOfDay, dayWindow, windowParams } from '../../src/core/windows.js';
import {
  brokenDisk,
  connectionReset,
  faultyEngine,
  insertOf,
  memoryLimit,
  observedEngine,
  tooManyParts,
} from '../helpers/faulty-engine.js';
import { openTestEngine, rowsDiffering, scalar, testSettings } from '../helpers/engine.js';
import { compileFlatten } from '../helpers/pipeline.js';

const DAY = '2025-10-08';
let ctx: Awaited<ReturnType<typeof openTestEngine>>;
let engine: Engine;

async function planFor(target: string, extra: Record<string, unknown> = {}): Promise<FlattenPlan> {
  const settings = testSettings({ target: `default.${target}`, ...extra });
  const mapping = join(ctx.dir, 'mapping.json');
  await discoverMapping(engine, testSettings(), { from: DAY, out: mapping });
  const out = join(ctx.dir, 'plans', target);
  return compileFlatten(engine, settings, { mapping, out });
}

/** Rows that differ between a table and the reference load, both ways. */
function differences(table: string): Promise<number> {
  return rowsDiffering(engine, 'default.reference', `default.${table}`);
}

const fast = { backoffBaseMs: 1 };

beforeAll(async () => {
  ctx = await openTestEngine();
  engine = ctx.engine;
  await seedDay(engine, testSettings(), { day: DAY, rows: 30_000, customers: 2, seed: 3, replace: false });
  await runFlatten(engine, await planFor('reference'), { days: [DAY], chunk: 'day' });
});
afterAll(async () => ctx.cleanup());

describe('transient failures', () => {
  it('retries a chunk whose connection dropped after it wrote, without counting it twice', async () => {
    const plan = await planFor('retried');
    const flaky = faultyEngine(engine, [{ match: insertOf(`${DAY} 03:00:00.000`), error: connectionReset, times: 2 }]);
    const events: RunEvent[] = [];
    await runFlatten(flaky, plan, { days: [DAY], chunk: 'hour', onEvent: (e) => events.push(e), ...fast });
    expect(flaky.injected).toBe(2);
    expect(events.filter((e) => e.type === 'chunk_retry')).toHaveLength(2);
    expect(await differences('retried')).toBe(0);
    const ledger = await readLedger(engine, plan.manifest.tables.ledger, 'default.retried');
    const hour3 = ledger
      .filter((r) => r.step === 'chunk' && r.window_start === `${DAY} 03:00:00.000`)
      .map((r) => `${r.status}${r.attempt}`);
    expect(hour3).toEqual(['running1', 'failed1', 'running2', 'failed2', 'running3', 'done3']);
  });

  it('retries "too many parts" and halves a chunk that hits the memory limit', async () => {
    const plan = await planFor('halved');
    const flaky = faultyEngine(engine, [
      { match: insertOf(`${DAY} 00:00:00.000`), error: memoryLimit, times: 1 },
      { match: insertOf(`${DAY} 12:00:00.000`), error: tooManyParts, times: 1 },
    ]);
    const events: RunEvent[] = [];
    await runFlatten(flaky, plan, { days: [DAY], chunk: 'day', onEvent: (e) => events.push(e), ...fast });
    expect(events.find((e) => e.type === 'chunk_split')).toMatchObject({
      into: [{ start: `${DAY} 00:00:00.000`, end: `${DAY} 12:00:00.000` }, { start: `${DAY} 12:00:00.000` }],
    });
    expect(events.filter((e) => e.type === 'chunk_retry')).toHaveLength(1);
    expect(await differences('halved')).toBe(0);
  });

  it('gives up on a fatal error with the target unchanged, and --resume keeps the finished hours', async () => {
    const plan = await planFor('resumed');
    await runFlatten(engine, plan, { days: [DAY], chunk: 'day' });
    const before = await scalar(engine, 'SELECT sum(int2) FROM default.resumed');
    // Make the next load different, so a half-published day would show.
    const broken = faultyEngine(engine, [{ match: insertOf(`${DAY} 05:00:00.000`), error: brokenDisk, times: 1 }]);
    const failure = await runFlatten(broken, plan, { days: [DAY], chunk: 'hour', ...fast }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExecutionError);
    expect((failure as Error).message).toMatch(
      /2025-10-08 h05 failed after 1 attempt.*target is unchanged[\s\S]*No space left/,
    );
    expect(await scalar(engine, 'SELECT sum(int2) FROM default.resumed')).toBe(before);

    const events: RunEvent[] = [];
    await runFlatten(engine, plan, { days: [DAY], chunk: 'hour', resume: true, onEvent: (e) => events.push(e) });
    expect(events.filter((e) => e.type === 'chunk_skipped')).toHaveLength(5);
    expect(events.filter((e) => e.type === 'chunk_done')).toHaveLength(19);
    expect(await differences('resumed')).toBe(0);
    // Resuming a published day does nothing.
    const again: RunEvent[] = [];
    await runFlatten(engine, plan, { days: [DAY], chunk: 'hour', resume: true, onEvent: (e) => again.push(e) });
    expect(again.map((e) => e.type)).toEqual(['plan', 'unit_skipped']);
  });

  it('a day and then its hours leave the target identical', async () => {
    const plan = await planFor('day_then_hours');
    await runFlatten(engine, plan, { days: [DAY], chunk: 'day' });
    await runFlatten(engine, plan, { days: [DAY], chunk: 'hour' });
    await runFlatten(engine, plan, { days: [DAY], chunk: '120m' });
    expect(await differences('day_then_hours')).toBe(0);
  });
});

describe('a ledger written by an older chplan', () => {
  it('is read as it is, migrated by the plan before the run writes to it, and its published days still count for --resume', async () => {
    // The ledger as chplan wrote it before chunk_key and source_version existed.
    await engine.command('CREATE DATABASE legacy');
    await engine.command(`CREATE TABLE legacy.chplan_ledger (plan_hash String, target String, day Date, window_start DateTime64(3, 'UTC'), window_end DateTime64(3, 'UTC'),
      step LowCardinality(String), status LowCardinality(String), attempt UInt32, query_id String, rows_read UInt64, rows_written UInt64, runner String,
      started_at DateTime64(3, 'UTC'), finished_at DateTime64(3, 'UTC'), error String) ENGINE = MergeTree ORDER BY (target, plan_hash, day, window_start, started_at)`);
    const mapping = join(ctx.dir, 'mapping.json');
    await discoverMapping(engine, testSettings(), { from: DAY, out: mapping });
    const plan = await compileFlatten(engine, testSettings({ target: 'legacy.migrated' }), {
      mapping,
      out: join(ctx.dir, 'plans', 'legacy'),
    });
    await engine.command(`INSERT INTO legacy.chplan_ledger VALUES ('${plan.manifest.planHash}', 'legacy.migrated', '${DAY}', '${DAY} 00:00:00', '2025-10-09 00:00:00',
      'publish', 'done', 1, '', 0, 5, 'old-host:1:a', '2025-10-10 00:00:00', '2025-10-10 00:00:01', '')`);
    const old = await readLedger(engine, plan.manifest.ledger.table, 'legacy.migrated');
    expect(old).toEqual([
      expect.objectContaining({
        unit: DAY,
        step: 'publish',
        status: 'done',
        chunk_key: '',
        source_version: '',
        note: '',
        cursor: '',
        rows_written: '5',
      }),
    ]);
    const events: RunEvent[] = [];
    await runFlatten(engine, plan, { days: [DAY], chunk: 'day', resume: true, onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual(['plan', 'unit_skipped']);
    const columns = await engine.rows<{ name: string }>(
      "SELECT name FROM system.columns WHERE database = 'legacy' AND table = 'chplan_ledger' AND name IN ('chunk_key', 'source_version', 'unit', 'note', 'cursor') ORDER BY name",
    );
    expect(columns.map((c) => c.name)).toEqual(['chunk_key', 'cursor', 'note', 'source_version', 'unit']);
    // Heartbeats no longer pile up forever: the migrated ledger drops a lease's old heartbeats.
    expect(
      await scalar(
        engine,
        "SELECT create_table_query FROM system.tables WHERE database = 'legacy' AND name = 'chplan_ledger'",
      ),
    ).toMatch(/TTL toDateTime\(finished_at\) \+ toIntervalDay\(7\) WHERE \(step = 'lease'\) AND \(status = 'held'\)/);
    await runFlatten(engine, plan, { days: [DAY], chunk: 'day' });
    expect(
      (await readLedger(engine, plan.manifest.ledger.table, 'legacy.migrated')).filter((r) => r.step === 'publish'),
    ).toHaveLength(2);
  });
});

describe('a ledger written by the chplan before units', () => {
  it("migrates in place: its days still count for --resume, and a sync's tables keep their watermarks", async () => {
    // The ledger exactly as the previous chplan created and wrote it (chunk_key and source_version, no unit, note or
    // cursor).
    await engine.command('CREATE DATABASE previous');
    await engine.command(`CREATE TABLE previous.chplan_ledger (plan_hash String, target String, day Date, window_start DateTime64(3, 'UTC'), window_end DateTime64(3, 'UTC'),
      chunk_key String DEFAULT '', step LowCardinality(String), status LowCardinality(String), attempt UInt32, query_id String, rows_read UInt64, rows_written UInt64,
      runner String, started_at DateTime64(3, 'UTC'), finished_at DateTime64(3, 'UTC'), error String, source_version String DEFAULT '')
      ENGINE = MergeTree ORDER BY (target, plan_hash, day, window_start, started_at)`);
    const mapping = join(ctx.dir, 'mapping.json');
    await discoverMapping(engine, testSettings(), { from: DAY, out: mapping });
    const plan = await compileFlatten(engine, testSettings({ target: 'previous.migrated' }), {
      mapping,
      out: join(ctx.dir, 'plans', 'previous'),
    });
    await engine.command(`INSERT INTO previous.chplan_ledger VALUES
      ('${plan.manifest.planHash}', 'previous.migrated', '${DAY}', '${DAY} 00:00:00', '2025-10-09 00:00:00', '', 'publish', 'done', 1, '', 0, 5, 'old:1:a', '2025-10-10 00:00:00', '2025-10-10 00:00:01', '', ''),
      ('sync-plan', 'analytics.adtech_sync', '2026-01-02', '1900-01-01 00:00:00', '2026-01-02 03:04:05.678', 'impressions', 'publish', 'done', 1, '', 10, 10, 'old:2:b', '2026-01-02 03:04:06', '2026-01-02 03:04:07', '', ''),
      ('p0', 'previous.migrated', '1970-01-01', '1970-01-01 00:00:00', '1970-01-01 00:00:00', '', 'lease', 'released', 0, '', 0, 0, 'old:3:c', '2025-10-10 00:00:00', '2025-10-10 00:00:02', 'taken over by old:1:a (--force)', '')`);
    const events: RunEvent[] = [];
    await runFlatten(engine, plan, { days: [DAY], chunk: 'day', resume: true, onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual(['plan', 'unit_skipped']);
    const rows = await readLedger(engine, plan.manifest.ledger.table, 'analytics.adtech_sync');
    expect(rows).toEqual([
      expect.objectContaining({ unit: '2026-01-02', chunk_key: 'impressions', cursor: '', note: '' }),
    ]);
    expect([...watermarks(rows)]).toEqual([['impressions', '2026-01-02 03:04:05.678']]);
    expect(
      await scalar(
        engine,
        "SELECT count() FROM system.columns WHERE database = 'previous' AND table = 'chplan_ledger' AND name IN ('unit', 'note', 'cursor')",
      ),
    ).toBe('3');
  });
});

describe('one runner per target', () => {
  const lease = (runner: string, heartbeat: string) =>
    engine.command(
      `INSERT INTO default.chplan_ledger (plan_hash, target, day, window_start, window_end, step, status, runner, started_at, finished_at)
     VALUES ('x', 'default.leased', '1970-01-01', 0, 0, 'lease', 'held', '${runner}', '${heartbeat}', '${heartbeat}')`,
    );

  it('refuses while another runner holds a fresh lease, allows --force and takes over stale ones', async () => {
    const plan = await planFor('leased');
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    await lease('other-host:42:abcd', now);
    const refused = await runFlatten(engine, plan, { days: [DAY], chunk: 'day' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SafetyError);
    expect((refused as Error).message).toMatch(
      /Another chplan run holds default.leased: runner other-host:42:abcd[\s\S]*--force/,
    );
    // Refused before the target was even created.
    expect(await scalar(engine, "SELECT count() FROM system.tables WHERE name = 'leased'")).toBe('0');

    await runFlatten(engine, plan, { days: [DAY], chunk: 'day', force: true });
    expect(await differences('leased')).toBe(0);

    await lease('dead-host:1:beef', '2020-01-01 00:00:00.000');
    await runFlatten(engine, plan, { days: [DAY], chunk: 'day' });
    expect(await differences('leased')).toBe(0);
  });

  it('a heartbeat still in flight when the run releases its lease cannot leave the target looking held', async () => {
    const ledger = {
      table: { database: 'default', name: 'chplan_ledger' },
      append: readFileSync(join(ctx.dir, 'plans', 'leased', '04_append_ledger.sql'), 'utf8'),
    };
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let held = false;
    // The heartbeat's read of its own lease rows waits until the release has been asked for.
    const slow = observedEngine(engine, {
      before: async (sql, options) => {
        if (!held && /^\s*SELECT/.test(sql) && options.params?.runner === 'this-host:7:race') {
          held = true;
          await gate;
        }
      },
    });
    const lease = await acquireLease(slow, ledger, 'default.raced', {
      runner: 'this-host:7:race',
      force: false,
      staleAfterSec: 300,
      planHash: 'x',
    });
    const beat = lease.heartbeat();
    await new Promise((resolve) => setImmediate(resolve));
    const release = lease.release();
    open();
    await Promise.all([beat, release]);
    const rows = await readLedger(engine, ledger.table, 'default.raced');
    expect(rows.filter((r) => r.step === 'lease').at(-1)!.status).toBe('released');
    expect(activeHolders(rows, Date.now(), 300, () => true)).toEqual([]);
  });
});

describe('refusals before any data changes', () => {
  it('refuses unapproved plans and plans changed after approval, naming the files', async () => {
    const plan = await planFor('approved');
    expect(() => requireApproval(plan)).toThrow(/has not been approved/);
    const approval = approvePlan(plan.dir, 'Dana DBA');
    expect(requireApproval(readPlan(plan.dir))).toMatchObject({ by: 'Dana DBA', planHash: plan.manifest.planHash });

    // A hand edit is caught against the manifest…
    const insert = join(plan.dir, '17_insert_chunk.sql');
    const original = readFileSync(insert, 'utf8');
    writeFileSync(insert, original.replace('accurateCast', 'CAST'));
    expect(() => readPlan(plan.dir)).toThrow(/17_insert_chunk.sql was changed or removed after compile/);
    writeFileSync(insert, original.replace(/\n/g, '\r\n')); // line endings alone change nothing
    expect(requireApproval(readPlan(plan.dir)).at).toBe(approval.at);

    // …and a recompile with other settings is caught against the approval.
    await compilePlanDir(engine, testSettings({ target: 'default.approved', intType: 'Int64' }), {
      mapping: join(ctx.dir, 'mapping.json'),
      out: plan.dir,
    });
    const changed = (() => {
      try {
        requireApproval(readPlan(plan.dir));
        return null;
      } catch (e) {
        return e as Error;
      }
    })();
    expect(changed).toBeInstanceOf(ApprovalError);
    expect(changed!.message).toMatch(/changed after Dana DBA approved it.*07_create_target.sql.*17_insert_chunk.sql/);
  });

  it('refuses a plan whose source changed since compile, with a column diff', async () => {
    await engine.command('CREATE TABLE default.src2 AS default.eco_cross_page_flow_pt1m_local');
    await engine.command('INSERT INTO default.src2 SELECT * FROM default.eco_cross_page_flow_pt1m_local');
    const plan = await (async () => {
      const settings = testSettings({ source: 'default.src2', target: 'default.from_src2' });
      await compilePlanDir(engine, settings, {
        mapping: join(ctx.dir, 'mapping.json'),
        out: join(ctx.dir, 'plans', 'src2'),
      });
      return readPlan(join(ctx.dir, 'plans', 'src2'));
    })();
    await engine.command(
      'ALTER TABLE default.src2 ADD COLUMN appBuild UInt32, MODIFY COLUMN platform String, DROP COLUMN isBot',
    );
    const refused = await runFlatten(engine, plan, { days: [DAY], chunk: 'day' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SafetyError);
    expect((refused as Error).message).toMatch(
      /changed since plan src2 was compiled[\s\S]*~ platform LowCardinality\(String\) → String[\s\S]*- isBot UInt8 \(removed\)[\s\S]*\+ appBuild UInt32 \(added\)/,
    );
  });
});

describe('numbers at the edges', () => {
  it('stops an Int32 overflow naming key, group and sum, and loads it with --int-type Int64', async () => {
    await engine.command(
      `CREATE TABLE default.big (timestampMs DateTime64(3), clientId String, sessionId UInt256, metricIntGroup1 Map(String, Int64), metricFloatGroup1 Map(String, Float64)) ENGINE = MergeTree ORDER BY timestampMs`,
    );
    await engine.command(
      `INSERT INTO default.big VALUES ('${DAY} 10:00:01', 'c1', 1, map('huge', 2000000000, 'small', 1), map('nan', nan)), ('${DAY} 10:00:02', 'c1', 1, map('huge', 2000000000), map('nan', 1.5, 'inf', inf)), ('${DAY} 10:05:00', 'c2', 2, map('small', 2), map('nan', 2))`,
    );
    const settings = testSettings({ source: 'default.big', target: 'default.big_flat' });
    const mapping = join(ctx.dir, 'big.json');
    await discoverMapping(engine, settings, { from: DAY, out: mapping });
    await compilePlanDir(engine, settings, { mapping, out: join(ctx.dir, 'plans', 'big32') });
    const failure = await runFlatten(engine, readPlan(join(ctx.dir, 'plans', 'big32')), {
      days: [DAY],
      chunk: 'day',
      ...fast,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExecutionError);
    expect((failure as Error).message).toMatch(
      /does not fit Int32: key "huge" sums to 4000000000 in group \(2025-10-08 10:00:00, c1, 1\)[\s\S]*chplan compile --mapping \S+\/mapping.json --int-type Int64 --out \S+ --source default.big --target default.big_flat[\s\S]*--data-dir /,
    );

    const wide = testSettings({ source: 'default.big', target: 'default.big_flat64', intType: 'Int64' });
    await compilePlanDir(engine, wide, { mapping, out: join(ctx.dir, 'plans', 'big64') });
    const plan = readPlan(join(ctx.dir, 'plans', 'big64'));
    await runFlatten(engine, plan, { days: [DAY], chunk: 'day' });
    expect(
      await scalar(
        engine,
        'SELECT toString(groupArray(int1)) FROM (SELECT int1 FROM default.big_flat64 ORDER BY clientId)',
      ),
    ).toBe('[4000000000,0]');
    // NaN and infinity travel through sums the same way in the transform and in validation.
    const report = await validatePlan(engine, plan, [DAY]);
    expect(report.days[0]!.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(
      await scalar(
        engine,
        'SELECT toString(groupArray((isNaN(float2), float1))) FROM (SELECT * FROM default.big_flat64 ORDER BY clientId)',
      ),
    ).toBe('[(1,inf),(0,0)]');
  });

  it('stops an Int64 sum that would wrap, even into an Int64 target, for both strategies', async () => {
    await engine.command(
      `CREATE TABLE default.wrap (timestampMs DateTime64(3), clientId String, sessionId UInt256, metricIntGroup1 Map(String, Int64), metricFloatGroup1 Map(String, Float64)) ENGINE = MergeTree ORDER BY timestampMs`,
    );
    // 2 × 9e18 wraps to a negative Int64 that accurateCast into Int64 would accept.
    await engine.command(
      `INSERT INTO default.wrap VALUES ('${DAY} 10:00:01', 'c1', 1, map('wrap', 9000000000000000000), map()), ('${DAY} 10:00:02', 'c1', 1, map('wrap', 9000000000000000000), map()), ('${DAY} 11:00:00', 'c2', 2, map('wrap', 1), map())`,
    );
    for (const strategy of ['indexed', 'readable'] as const) {
      const settings = testSettings({
        source: 'default.wrap',
        target: `default.wrap_${strategy}`,
        intType: 'Int64',
        strategy,
      });
      const mapping = join(ctx.dir, 'wrap.json');
      await discoverMapping(engine, settings, { from: DAY, out: mapping });
      await compilePlanDir(engine, settings, { mapping, out: join(ctx.dir, 'plans', `wrap_${strategy}`) });
      const failure = await runFlatten(engine, readPlan(join(ctx.dir, 'plans', `wrap_${strategy}`)), {
        days: [DAY],
        chunk: 'day',
        ...fast,
      }).catch((e: unknown) => e);
      expect(failure, strategy).toBeInstanceOf(ExecutionError);
      expect((failure as Error).message).toMatch(
        /does not fit Int64: key "wrap" sums to 18000000000000000000 in group \(2025-10-08 10:00:00, c1, 1\)[\s\S]*Int64 is the widest int type chplan writes/,
      );
      expect(await scalar(engine, `SELECT count() FROM default.wrap_${strategy}`)).toBe('0');
    }
    // Values that cancel are refused too (their partial sums are not provably safe), with a different message.
    await engine.command(
      `ALTER TABLE default.wrap UPDATE metricIntGroup1 = map('wrap', -9000000000000000000) WHERE timestampMs = '${DAY} 10:00:02' SETTINGS mutations_sync = 1`,
    );
    const failure = await runFlatten(engine, readPlan(join(ctx.dir, 'plans', 'wrap_indexed')), {
      days: [DAY],
      chunk: 'day',
      ...fast,
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/too large to sum safely in 64 bits[\s\S]*every sum fits Int64/);
  });
});

describe('days where clocks change at local midnight', () => {
  it("rows around the change land in the day ClickHouse's toDate(ts, zone) names, and validation agrees", async () => {
    await engine.command(
      'CREATE TABLE default.dst (timestampMs DateTime64(3), clientId String, sessionId UInt256, metricIntGroup1 Map(String, Int64), metricFloatGroup1 Map(String, Float64)) ENGINE = MergeTree ORDER BY timestampMs',
    );
    // America/Santiago jumps from 00:00 to 01:00 on 2024-09-08 (04:00Z); 2024-09-07 is 24 hours long.
    const instants = [
      '2024-09-07 03:59:59.999',
      '2024-09-07 04:00:00.000',
      '2024-09-08 02:59:59.999',
      '2024-09-08 03:30:00.000',
      '2024-09-08 03:59:59.999',
      '2024-09-08 04:00:00.000',
      '2024-09-09 02:59:59.999',
      '2024-09-09 03:00:00.000',
    ];
    await engine.command(
      `INSERT INTO default.dst VALUES ${instants.map((t, i) => `('${t}', 'c${i}', ${i}, map('n', ${i + 1}), map('f', 0.5))`).join(', ')}`,
    );
    const settings = testSettings({ source: 'default.dst', target: 'default.dst_flat', timeZone: 'America/Santiago' });
    const mapping = join(ctx.dir, 'dst.json');
    await discoverMapping(engine, settings, { from: '2024-09-06', to: '2024-09-09', out: mapping });
    await compilePlanDir(engine, settings, { mapping, out: join(ctx.dir, 'plans', 'dst') });
    const plan = readPlan(join(ctx.dir, 'plans', 'dst'));
    const days = ['2024-09-06', '2024-09-07', '2024-09-08', '2024-09-09'];
    await runFlatten(engine, plan, { days, chunk: 'hour' });
    const byClickHouse = await engine.rows<{ day: string; rows: string }>(
      "SELECT toString(toDate(timestampMs, 'America/Santiago')) AS day, toString(count()) AS rows FROM default.dst GROUP BY day ORDER BY day",
    );
    const published = await engine.rows<{ day: string; rows: string }>(
      "SELECT toString(toDate(timestampMs, 'America/Santiago')) AS day, toString(count()) AS rows FROM default.dst_flat GROUP BY day ORDER BY day",
    );
    expect(published).toEqual(byClickHouse);
    expect(byClickHouse.map((d) => d.day)).toEqual(days);
    expect((await validatePlan(engine, plan, days)).passed).toBe(true);
  });
});

describe('chunks and the source sorting key', () => {
  // Small granules (64 rows) so that an hour of a 9,600-row day spans few of the day's 150.
  const source = async (name: string, orderBy: string) => {
    await engine.command(
      `CREATE TABLE default.${name} (timestampMs DateTime64(3), customerId UInt32, clientId String, sessionId UInt256, metricIntGroup1 Map(String, Int64), metricFloatGroup1 Map(String, Float64))
       ENGINE = MergeTree PARTITION BY toDate(timestampMs) ORDER BY ${orderBy} SETTINGS index_granularity = 64`,
    );
    await engine.command(
      `INSERT INTO default.${name} SELECT toDateTime64('${DAY} 00:00:00', 3) + toIntervalSecond(number * 9), number % 7, toString(number % 50), number % 3, map('n', 1), map('f', 0.5) FROM numbers(9600)`,
    );
    const settings = testSettings({ source: `default.${name}`, target: `default.${name}_flat` });
    const mapping = join(ctx.dir, `${name}.json`);
    await discoverMapping(engine, settings, { from: DAY, out: mapping });
    return compileFlatten(engine, settings, { mapping, out: join(ctx.dir, 'plans', name) });
  };
  const warnings = async (plan: FlattenPlan, chunk: 'hour' | 'day') => {
    const events: RunEvent[] = [];
    await runFlatten(engine, plan, { days: [DAY], chunk, dryRun: true, onEvent: (e) => events.push(e) });
    return events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
  };

  it('a dry run says when hour chunks would each read the whole day, and what reads it once; not when the key lets them skip', async () => {
    const byCustomer = await source('by_customer', '(customerId, clientId, timestampMs)');
    const [warning] = await warnings(byCustomer, 'hour');
    expect(warning).toMatch(
      /^The source is sorted by \(customerId, clientId, timestampMs\), so a chunk of 2025-10-08 cannot skip the rest of the day: each of its 24 chunks reads about (\d+) of the day's 150 granules, (\d+\.\d)× what one day chunk reads/,
    );
    expect(Number(/, (\d+\.\d)× what/.exec(warning!)![1])).toBeGreaterThanOrEqual(12);
    expect(warning).toMatch(/max_bytes_before_external_group_by=<bytes> and run with --chunk day\. /);
    expect(warning).toMatch(
      /Chunks of hours read only their hours from a source sorted by \(toStartOfHour\(`timestampMs`\), customerId, clientId, timestampMs\)\.$/,
    );
    expect(await warnings(byCustomer, 'day')).toEqual([]);
    const byTime = await source('by_time', 'timestampMs');
    expect(await warnings(byTime, 'hour')).toEqual([]);
    // The proposed key: the engine's index analysis selects an hour's granules only through the key's own term.
    const byHour = await source('by_hour', '(toStartOfHour(timestampMs), customerId, clientId, timestampMs)');
    expect(await warnings(byHour, 'hour')).toEqual([]);
    const hours = chunksOfDay(DAY, 'UTC', 'hour');
    const reads = await chunkGranules(engine, byHour.manifest, dayWindow(DAY, 'UTC'), hours);
    expect(reads.ratio).toBeLessThan(1.5);
    // The term restating the window holds for every row of each hour: the rows it keeps are the hour's rows.
    const terms = sortingKeyWindowTerms(reads.sortingKey, 'timestampMs').join(' AND ');
    for (const hour of [hours[0]!, hours[13]!, hours[23]!]) {
      const [row] = await engine.rows<{ inHour: string; kept: string }>(
        `SELECT countIf(timestampMs >= {chunk_start:DateTime64(3, 'UTC')} AND timestampMs < {chunk_end:DateTime64(3, 'UTC')}) AS inHour,
                countIf(timestampMs >= {chunk_start:DateTime64(3, 'UTC')} AND timestampMs < {chunk_end:DateTime64(3, 'UTC')} AND ${terms}) AS kept
         FROM default.by_hour`,
        { params: windowParams(hour) },
      );
      expect(row!.kept).toBe(row!.inHour);
      expect(Number(row!.inHour)).toBe(400);
    }
  });
});
