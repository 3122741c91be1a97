import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { loadSpec } from '../../src/kinds/backfill/plan/spec.js';
import { compileBackfillDir } from '../../src/kinds/backfill/plan/compile-plan-dir.js';
import { readBackfillPlan } from '../../src/kinds/backfill/plan/plan.js';
import { runBackfillOnShards, validateBackfillOnShards } from '../../src/kinds/backfill/run/shards.js';
import { applyLangfuseMigrations } from '../../src/kinds/backfill/seed/langfuse-schema.js';
import { seedLangfuse } from '../../src/kinds/backfill/seed/seed-langfuse.js';
import { langfuseBackfill } from '../../src/kinds/backfill/bench/langfuse-reference.js';
import { openTestEngine, rowsOnlyIn, scalar } from '../helpers/engine.js';
import { clusterNode } from '../helpers/simulated-cluster.js';

/**
 * The backfill's cluster plan on Langfuse's *clustered* schema (its clustered migrations, applied in order, with
 * `ON CLUSTER` and replication taken out: one node of a one-shard cluster, Langfuse's layout at scale), against
 * Langfuse's own backfill SQL on the same tables: every events_full and events_core row, every column.
 */
const PARTITION = '202406';
let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;

const n = async (sql: string) => Number(await scalar(engine, sql));

async function columns(table: string): Promise<string> {
  const rows = await engine.rows<{ name: string }>(
    `SELECT name FROM system.columns WHERE database = 'default' AND table = '${table}' AND default_kind != 'ALIAS' ORDER BY position`,
  );
  return rows.map((c) => `\`${c.name}\``).join(', ');
}

/** A plain copy of a table's partition after FINAL, every stored column. */
async function snapshot(table: string, into: string): Promise<void> {
  await engine.command(
    `CREATE TABLE default.${into} ENGINE = MergeTree ORDER BY tuple() AS SELECT ${await columns(table)} FROM default.${table} FINAL WHERE _partition_id = '${PARTITION}'`,
  );
}

/** Rows of one table not in the other, both ways, over every column. */
async function differences(a: string, b: string): Promise<[number, number]> {
  const list = await columns(a);
  const every = (table: string) => `SELECT ${list} FROM default.${table}`;
  return [await rowsOnlyIn(engine, every(a), every(b)), await rowsOnlyIn(engine, every(b), every(a))];
}

beforeAll(async () => {
  ({ engine, dir, cleanup } = await openTestEngine());
  expect(await applyLangfuseMigrations(clusterNode(engine, '^default$'), 'clustered')).toBe(46);
  await seedLangfuse(engine, {
    observations: { database: 'default', name: 'observations' },
    traces: { database: 'default', name: 'traces' },
    month: '2024-06',
    observationCount: 5_000,
    traceCount: 500,
    seed: 3,
    replace: false,
  });
});
afterAll(async () => cleanup());

describe("the backfill on Langfuse's clustered schema", () => {
  it("compiles against the clustered tables, runs as a shard of the cluster, and writes what Langfuse's own backfill writes, column by column", async () => {
    expect(
      await scalar(engine, "SELECT engine FROM system.tables WHERE database = 'default' AND name = 'events_full'"),
    ).toBe('ReplacingMergeTree');
    await compileBackfillDir(engine, loadSpec('examples/events-backfill-cluster.json'), join(dir, 'plan'));
    const plan = readBackfillPlan(join(dir, 'plan'));
    expect(plan.manifest.derived?.table.name).toBe('events_core');
    const shard = [{ name: 'shard 1', engine: clusterNode(engine, '^default$'), plan }];
    const never = async () => ({ count: 0, example: '' });
    const [group] = await runBackfillOnShards(shard, never, { partitions: [PARTITION] });
    expect(group!.units[0]!.status).toBe('published');
    expect((await validateBackfillOnShards(shard, never, [PARTITION])).passed).toBe(true);
    await snapshot('events_full', 'chplan_full');
    await snapshot('events_core', 'chplan_core');
    expect(await n('SELECT count() FROM default.chplan_full')).toBeGreaterThan(4_000);

    // Langfuse's own backfill SQL on the same tables, into emptied events tables, on merged sources (which makes its
    // LIMIT 1 BY deterministic).
    await engine.command('TRUNCATE TABLE default.events_full');
    await engine.command('TRUNCATE TABLE default.events_core');
    await engine.command('OPTIMIZE TABLE default.observations FINAL');
    await engine.command('OPTIMIZE TABLE default.traces FINAL');
    await langfuseBackfill(engine, PARTITION);
    await snapshot('events_full', 'langfuse_full');
    await snapshot('events_core', 'langfuse_core');
    expect(await differences('chplan_full', 'langfuse_full')).toEqual([0, 0]);
    expect(await differences('chplan_core', 'langfuse_core')).toEqual([0, 0]);
  });
});
