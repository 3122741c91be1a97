import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { SafetyError } from '../../src/core/errors.js';
import {
  runOnShards,
  validateOnShards,
  type Shard,
  type SplitGroupCounter,
} from '../../src/kinds/flatten/run/shards.js';
import { dayWindow } from '../../src/core/windows.js';
import { seedDay } from '../../src/kinds/flatten/seed/seed.js';
import { discoverMapping } from '../../src/kinds/flatten/workflows/discover-mapping.js';
import { openTestEngine, scalar, testSettings } from '../helpers/engine.js';
import { compileFlatten } from '../helpers/pipeline.js';
import { brokenDisk } from '../helpers/faulty-engine.js';
import { clusterNode } from '../helpers/simulated-cluster.js';

// A cluster of three shards simulated as three databases in one embedded engine: each
// shard has its own local source and target and runs the cluster plan's own statements (see
// clusterNode), and the same per-shard orchestration runs them. The sharding check looks across
// the shard databases with merge().
const DAY = '2025-10-08';
const SHARDS = ['shard1', 'shard2', 'shard3'];
let ctx: Awaited<ReturnType<typeof openTestEngine>>;
let engine: Engine;

function splitGroupsAcross(prefix: string): SplitGroupCounter {
  return async (day) => {
    const w = dayWindow(day, 'UTC');
    return Number(
      await scalar(
        engine,
        `SELECT count() FROM (SELECT 1 FROM merge(REGEXP('^${prefix}[0-9]$'), '^eco_cross_page_flow_pt1m_local$')
      WHERE timestampMs >= '${w.start}' AND timestampMs < '${w.end}'
      GROUP BY toStartOfMinute(timestampMs), clientId, sessionId HAVING uniqExact(_database) > 1)`,
      ),
    );
  };
}

/** Copies the seeded table into per-shard databases, sharded by `shardKey`. */
async function distribute(prefix: string, shardKey: string): Promise<void> {
  for (const [i] of SHARDS.entries()) {
    const db = `${prefix}${i + 1}`;
    await engine.command(`CREATE DATABASE IF NOT EXISTS ${db}`);
    await engine.command(`CREATE TABLE ${db}.eco_cross_page_flow_pt1m_local AS default.eco_cross_page_flow_pt1m_local`);
    await engine.command(
      `INSERT INTO ${db}.eco_cross_page_flow_pt1m_local SELECT * FROM default.eco_cross_page_flow_pt1m_local WHERE ${shardKey} % 3 = ${i}`,
    );
  }
}

async function shardsOf(prefix: string): Promise<Shard[]> {
  const mapping = join(ctx.dir, 'mapping.json');
  await discoverMapping(engine, testSettings(), { from: DAY, out: mapping });
  const shards: Shard[] = [];
  for (const [i] of SHARDS.entries()) {
    const db = `${prefix}${i + 1}`;
    const settings = testSettings({
      source: `${db}.eco_cross_page_flow_pt1m_local`,
      target: `${db}.eco_cross_page_preagg_pt1m`,
      cluster: 'sim',
    });
    const out = join(ctx.dir, 'plans', db);
    const plan = await compileFlatten(engine, settings, { mapping, out });
    shards.push({ name: db, engine: clusterNode(engine, `^${prefix}[0-9]$`), plan });
  }
  return shards;
}

beforeAll(async () => {
  ctx = await openTestEngine();
  engine = ctx.engine;
  await seedDay(engine, testSettings(), { day: DAY, rows: 30_000, customers: 3, seed: 11, replace: false });
  await distribute('shard', 'cityHash64(clientId, sessionId)');
  await distribute('bad', 'cityHash64(flowId)');
  await distribute('par', 'cityHash64(clientId, sessionId)');
});
afterAll(async () => ctx.cleanup());

describe('a simulated three-shard cluster', () => {
  it('loads every shard locally and validates per shard and in total, exactly', async () => {
    const shards = await shardsOf('shard');
    const results = await runOnShards(shards, splitGroupsAcross('shard'), { days: [DAY], chunk: 'day' });
    expect(results.map((r) => r.units[0]!.status)).toEqual(['published', 'published', 'published']);
    const validation = await validateOnShards(shards, [DAY]);
    expect(validation.passed).toBe(true);
    expect(validation.total[0]!.checks.map((c) => `${c.name}:${c.status}`)).toEqual([
      'row count (all shards):pass',
      'per-key sums (all shards):pass',
    ]);

    // Totals against the unsharded source, computed directly.
    const union = SHARDS.map((s) => `SELECT * FROM ${s}.eco_cross_page_preagg_pt1m`).join(' UNION ALL ');
    expect(await scalar(engine, `SELECT count() FROM (${union})`)).toBe(
      await scalar(
        engine,
        'SELECT uniqExact(toStartOfMinute(timestampMs), clientId, sessionId) FROM default.eco_cross_page_flow_pt1m_local',
      ),
    );
    const failures = shards[0]!.plan.mapping.int.find((e) => e.key === '31_1_failures')!;
    expect(await scalar(engine, `SELECT sum(${failures.column}) FROM (${union})`)).toBe(
      await scalar(engine, "SELECT sum(metricIntGroup3['31_1_failures']) FROM default.eco_cross_page_flow_pt1m_local"),
    );
    // The plan's <target>_all reads every shard (here as the Merge table standing in for Distributed).
    expect(await scalar(engine, 'SELECT count() FROM shard1.eco_cross_page_preagg_pt1m_all')).toBe(
      await scalar(engine, `SELECT count() FROM (${union})`),
    );
  });

  it('refuses a source whose shards split minute groups, before loading anything', async () => {
    const shards = await shardsOf('bad');
    const refused = await runOnShards(shards, splitGroupsAcross('bad'), { days: [DAY], chunk: 'day' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(SafetyError);
    expect((refused as Error).message).toMatch(
      /minute group\(s\) of 2025-10-08 have rows on more than one shard[\s\S]*Reshard the source by the group keys/,
    );
    expect(
      await scalar(
        engine,
        "SELECT count() FROM system.tables WHERE database LIKE 'bad%' AND name = 'eco_cross_page_preagg_pt1m'",
      ),
    ).toBe('0');
  });

  it('runs the shards at once, each with its own ledger and lease; one failing shard leaves the others published, and a resumed run completes them exactly', async () => {
    const shards = await shardsOf('par');
    const statements: { shard: string; start: number; end: number }[] = [];
    // Each shard's statements, timed; the second shard's publish fails once, as a full disk would.
    const watched = shards.map((shard, i): Shard => {
      let failed = false;
      const timed = async <T>(run: () => Promise<T>): Promise<T> => {
        const start = performance.now();
        // The embedded engine runs one statement at a time; a short wait stands in for a remote
        // shard's latency, so statements the runner has under way at once show as overlapping.
        await new Promise((r) => setTimeout(r, 5));
        try {
          return await run();
        } finally {
          statements.push({ shard: shard.name, start, end: performance.now() });
        }
      };
      const wrapped: Engine = {
        can: engine.can,
        description: engine.description,
        flags: engine.flags,
        rows: (sql, options) => timed(() => shard.engine.rows(sql, options)),
        command: (sql, options) => {
          if (i === 1 && !failed && /REPLACE PARTITION/.test(sql)) {
            failed = true;
            return Promise.reject(brokenDisk());
          }
          return timed(() => shard.engine.command(sql, options));
        },
        close: async () => {},
      };
      return { ...shard, engine: wrapped };
    });
    await expect(
      runOnShards(watched, splitGroupsAcross('par'), { days: [DAY], chunk: 'day', parallelShards: 3 }),
    ).rejects.toThrow(/No space left on device/);
    // Statements of different shards were under way at the same time: the runner ran the shards at once.
    const overlapping = statements.some((a) =>
      statements.some((b) => a.shard !== b.shard && a.start < b.end && b.start < a.end),
    );
    expect(overlapping).toBe(true);
    const published = (db: string) => scalar(engine, `SELECT count() FROM ${db}.eco_cross_page_preagg_pt1m`);
    expect(Number(await published('par1'))).toBeGreaterThan(0);
    expect(await published('par2')).toBe('0');
    expect(Number(await published('par3'))).toBeGreaterThan(0);
    const resumed = await runOnShards(shards, splitGroupsAcross('par'), {
      days: [DAY],
      chunk: 'day',
      resume: true,
      parallelShards: 3,
    });
    expect(resumed.map((r) => r.units[0]!.status)).toEqual(['skipped', 'published', 'skipped']);
    const validation = await validateOnShards(shards, [DAY]);
    expect(validation.passed).toBe(true);
  });
});
