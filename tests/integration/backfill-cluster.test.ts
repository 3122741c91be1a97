import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { SafetyError } from '../../src/core/errors.js';
import type { Shard, SplitCounter } from '../../src/execute/shards.js';
import { loadSpec } from '../../src/kinds/backfill/plan/spec.js';
import { backfillInputs, compileBackfillDir } from '../../src/kinds/backfill/plan/compile-plan-dir.js';
import { buildBackfillPlan, readBackfillPlan, type BackfillPlan } from '../../src/kinds/backfill/plan/plan.js';
import { runBackfill } from '../../src/kinds/backfill/run/run.js';
import { runBackfillOnShards, validateBackfillOnShards } from '../../src/kinds/backfill/run/shards.js';
import { seedLangfuse } from '../../src/kinds/backfill/seed/seed-langfuse.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { openTestEngine, rowsOnlyIn, scalar } from '../helpers/engine.js';
import { brokenDisk, faultyEngine } from '../helpers/faulty-engine.js';
import { clusterNode } from '../helpers/simulated-cluster.js';

/**
 * The backfill's cluster plan on a simulated cluster of three shards: one database per shard in the embedded engine,
 * each holding its shard's observations, traces and dataset-run items, run by the same per-shard orchestration as on
 * a real cluster, each shard's statements those of the cluster plan (see clusterNode).
 */
const PARTITION = '202406';
const SHARDS = [1, 2, 3];
let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;

const n = async (sql: string) => Number(await scalar(engine, sql));

/**
 * Copies the seeded tables into one database per shard; `by` gives each table's shard expression. Part by part, in
 * the order they were inserted, so each shard keeps the order of versions sent with the same event_ts (a later
 * insert wins), as a shard receiving Langfuse's writes does.
 */
async function distribute(prefix: string, by: { observations: string; traces: string; items: string }) {
  for (const [i, shard] of SHARDS.entries()) {
    const db = `${prefix}${shard}`;
    await engine.command(`CREATE DATABASE IF NOT EXISTS ${db}`);
    for (const [table, key] of [
      ['observations', by.observations],
      ['traces', by.traces],
      ['dataset_run_items_rmt', by.items],
    ] as const) {
      await engine.command(`CREATE TABLE ${db}.${table} AS default.${table}`);
      await engine.command(`SYSTEM STOP MERGES ${db}.${table}`);
      const parts = await engine.rows<{ name: string }>(
        `SELECT name FROM system.parts WHERE database = 'default' AND table = '${table}' AND active ORDER BY min_block_number`,
      );
      for (const part of parts)
        await engine.command(
          `INSERT INTO ${db}.${table} SELECT * FROM default.${table} WHERE _part = '${part.name}' AND ${key} % 3 = ${i} ORDER BY _part_offset SETTINGS max_threads = 1, max_insert_threads = 1`,
        );
    }
  }
}

/** What the plan's check_colocation computes with cluster(), over the shard databases with merge(). */
function splitTracesAcross(prefix: string): SplitCounter {
  return async (partition) => {
    const across = (table: string) => `merge(REGEXP('^${prefix}[0-9]$'), '^${table}$')`;
    const [row] = await engine.rows<{ split: string; example: string }>(
      `SELECT count() AS split, any(trace_id) AS example FROM (
         SELECT project_id, trace_id FROM (
           SELECT project_id, trace_id, _database AS shard, 1 AS here FROM ${across('observations')} WHERE _partition_id = '${partition}'
           UNION ALL SELECT project_id, id, _database, 1 FROM ${across('traces')} WHERE _partition_id = '${partition}'
           UNION ALL SELECT project_id, trace_id, _database, 0 FROM ${across('dataset_run_items_rmt')})
         GROUP BY project_id, trace_id HAVING uniqExact(shard) > 1 AND max(here) = 1)`,
    );
    return { count: Number(row!.split), example: row!.example };
  };
}

/** Each shard's cluster plan, compiled against its own tables, run on its own simulated node. */
async function shardsOf(prefix: string): Promise<Shard<BackfillPlan>[]> {
  const shards: Shard<BackfillPlan>[] = [];
  for (const shard of SHARDS) {
    const db = `${prefix}${shard}`;
    const spec = loadSpec(undefined, {
      source: `${db}.observations`,
      lookup: `${db}.traces`,
      target: `${db}.events_full`,
      cluster: 'langfuse',
    });
    const out = join(dir, 'plans', db);
    await compileBackfillDir(engine, spec, out);
    shards.push({ name: db, engine: clusterNode(engine, `^${prefix}[0-9]$`), plan: readBackfillPlan(out) });
  }
  return shards;
}

/** Every stored column of an events table, as one comparable row. */
async function eventsColumns(table: string): Promise<string> {
  const [db, name] = table.split('.');
  const rows = await engine.rows<{ name: string }>(
    `SELECT name FROM system.columns WHERE database = '${db}' AND table = '${name}' AND default_kind != 'ALIAS' ORDER BY position`,
  );
  return rows.map((c) => `\`${c.name}\``).join(', ');
}

beforeAll(async () => {
  ({ engine, dir, cleanup } = await openTestEngine());
  await seedLangfuse(engine, {
    observations: { database: 'default', name: 'observations' },
    traces: { database: 'default', name: 'traces' },
    month: '2024-06',
    observationCount: 6_000,
    traceCount: 600,
    seed: 5,
    replace: false,
  });
  // The single-server run every sharded result is compared with.
  const single = loadSpec(undefined, { target: 'default.events_single' });
  await compileBackfillDir(engine, single, join(dir, 'single'));
  await runBackfill(engine, readBackfillPlan(join(dir, 'single')), { partitions: [PARTITION] });
  await distribute('shard', {
    observations: 'cityHash64(project_id, trace_id)',
    traces: 'cityHash64(project_id, id)',
    items: 'cityHash64(project_id, trace_id)',
  });
  await distribute('split', {
    observations: 'cityHash64(id)',
    traces: 'cityHash64(project_id, id)',
    items: 'cityHash64(project_id, trace_id)',
  });
});
afterAll(async () => cleanup());

describe('the backfill on a simulated three-shard cluster', () => {
  it('runs every shard over its own tables; a shard failing mid-run is completed alone by --resume, and the shards together equal the single-server run, row for row', async () => {
    const shards = await shardsOf('shard');
    // The second shard's publish fails once, as a full disk would.
    const failing = shards.map((s, i) =>
      i === 1
        ? {
            ...s,
            engine: faultyEngine(s.engine, [
              { match: (sql) => /REPLACE PARTITION/.test(sql), error: brokenDisk, times: 1 },
            ]),
          }
        : s,
    );
    const split = splitTracesAcross('shard');
    await expect(runBackfillOnShards(failing, split, { partitions: [PARTITION] })).rejects.toThrow(
      /No space left on device/,
    );
    const events = (db: string) => n(`SELECT count() FROM ${db}.events_full`);
    expect(await events('shard1')).toBeGreaterThan(0);
    expect(await events('shard2')).toBe(0);
    expect(await events('shard3')).toBeGreaterThan(0);

    const resumed = await runBackfillOnShards(shards, split, { partitions: [PARTITION], resume: true });
    expect(resumed.map((r) => r.units[0]!.status)).toEqual(['skipped', 'published', 'skipped']);
    const validation = await validateBackfillOnShards(shards, split, [PARTITION]);
    expect(validation.passed).toBe(true);
    expect(validation.total[0]!.checks.map((c) => `${c.name}:${c.status}`)).toEqual([
      'traces on one shard:pass',
      'events (all shards):pass',
    ]);

    // The shards together against the single-server run: every stored column of every row, both ways.
    const columns = await eventsColumns('default.events_single');
    const union = SHARDS.map((s) => `SELECT ${columns} FROM shard${s}.events_full`).join(' UNION ALL ');
    const single = `SELECT ${columns} FROM default.events_single`;
    expect(await n(`SELECT count() FROM (${union})`)).toBe(await n('SELECT count() FROM default.events_single'));
    // The plan's <target>_all reads every shard (here as the Merge table standing in for Distributed).
    expect(await n('SELECT count() FROM shard2.events_full_all')).toBe(
      await n('SELECT count() FROM default.events_single'),
    );
    expect(await rowsOnlyIn(engine, `(${union})`, single)).toBe(0);
    expect(await rowsOnlyIn(engine, single, `(${union})`)).toBe(0);
    // Each shard's events are its own traces' only.
    expect(
      await n(
        `SELECT countIf(cityHash64(project_id, trace_id) % 3 != 1) FROM shard2.events_full WHERE NOT startsWith(span_id, 't-')`,
      ),
    ).toBe(0);
  });

  it('refuses observations sharded away from their traces before anything is created or written', async () => {
    const shards = await shardsOf('split');
    const refused = await runBackfillOnShards(shards, splitTracesAcross('split'), { partitions: [PARTITION] }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(SafetyError);
    expect((refused as Error).message).toMatch(
      /^\d+ trace\(s\) of partition 202406 have rows on more than one shard \(e\.g\. trace "[^"]+"\)[\s\S]*Nothing was run\.\nShard observations by cityHash64\(project_id, trace_id\)/,
    );
    expect(await n("SELECT count() FROM system.tables WHERE database LIKE 'split%' AND name LIKE 'events_full%'")).toBe(
      0,
    );
  });

  it("the committed cluster plan is exactly what the compiler produces for Langfuse's tables", async () => {
    const committed = 'generated-sql/events_backfill_cluster';
    const files = buildBackfillPlan(await backfillInputs(engine, loadSpec('examples/events-backfill-cluster.json')), {
      name: 'events_backfill_cluster',
      dir: committed,
      toolVersion: TOOL_VERSION,
    }).files;
    expect(readdirSync(committed).sort()).toEqual(files.map((f) => f.name).sort());
    for (const file of files)
      expect(readFileSync(join(committed, file.name), 'utf8'), `${file.name} drifted`).toBe(file.content);
  });
});
