import { join, relative } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { SafetyError } from '../../src/core/errors.js';
import type { Shard } from '../../src/execute/shards.js';
import { loadSyncSpec, syncSpecOf } from '../../src/kinds/sync/plan/spec.js';
import { buildSyncPlan, readSyncPlan, type SyncPlan } from '../../src/kinds/sync/plan/plan.js';
import { compileSyncDir } from '../../src/kinds/sync/plan/compile-plan-dir.js';
import { columnsFingerprint, introspectSources, sourceColumns } from '../../src/kinds/sync/plan/introspect.js';
import { runSyncOnShards, type SyncCluster } from '../../src/kinds/sync/run/shards.js';
import { validateSyncOnShards } from '../../src/kinds/sync/validate/shards.js';
import type { SyncRunOptions } from '../../src/kinds/sync/run/run.js';
import type { ValidationScope } from '../../src/kinds/sync/validate/validate.js';
import { scopeAfterSync } from '../../src/kinds/sync/validate/validate.js';
import type { LoadWindow } from '../../src/kinds/sync/run/load-window.js';
import { seedAdtech, ADTECH_DEFAULTS } from '../../src/kinds/sync/seed/seed-adtech.js';
import { withCollection } from '../../src/engine/postgres.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { openTestEngine, scalar } from '../helpers/engine.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { brokenDisk, faultyEngine } from '../helpers/faulty-engine.js';
import { clusterNode } from '../helpers/simulated-cluster.js';

/**
 * The sync's cluster plan on a simulated cluster of three shards (a database per shard in the embedded engine, each
 * shard's statements those of the cluster plan: see clusterNode), against a real PostgreSQL: every result is compared
 * with PostgreSQL's own answers.
 */
const SPEC = loadSyncSpec('examples/adtech-sync-cluster.json');
const SHARDS = 3;
let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;
let source: TestPostgres;
let cluster: SyncCluster;

type Row = Record<string, unknown>;

/** Each shard's plan: the cluster spec with the shard's database. */
async function clusterOf(prefix: string): Promise<SyncCluster> {
  const shards: Shard<SyncPlan>[] = [];
  for (let i = 1; i <= SHARDS; i++) {
    const db = `${prefix}${i}`;
    const spec = syncSpecOf({ ...JSON.parse(readFileSync('examples/adtech-sync-cluster.json', 'utf8')), database: db });
    const compiled = await compileSyncDir(engine, spec, source.connection, join(dir, db));
    shards.push({ name: db, engine: clusterNode(engine, `^${prefix}[0-9]$`), plan: readSyncPlan(compiled.out) });
  }
  return { shards, entry: { engine: shards[0]!.engine, plan: shards[0]!.plan } };
}

const run = (on: SyncCluster, options: Partial<SyncRunOptions> = {}, windows?: (w: LoadWindow[][]) => void) =>
  runSyncOnShards(on, { pg: source.connection, onShardWindows: windows, ...options });

/** The cluster's validation passes (each shard's tables, then the KPI views on the entry server). */
async function expectValid(on: SyncCluster, scopes: ValidationScope[] | null = null): Promise<void> {
  const validation = await validateSyncOnShards(on, source.connection, scopes);
  const failed = [...validation.shards.flatMap((s) => s.report.days), ...validation.total].flatMap((d) =>
    d.checks.filter((c) => c.status === 'fail').map((c) => `${d.day} ${c.name}: ${c.detail}`),
  );
  expect(failed).toEqual([]);
  expect(validation.passed).toBe(true);
}

/** Facts and dimensions as ClickHouse holds them over all shards, asked directly; and PostgreSQL's own answers. */
async function bothSides(prefix: string) {
  const union = (table: string, final = '') =>
    Array.from({ length: SHARDS }, (_, i) => `SELECT * FROM ${prefix}${i + 1}.${table}${final}`).join(' UNION ALL ');
  const ch = {
    impressions: await engine.rows<Row>(
      `SELECT toString(campaign_id) AS k, toString(count()) AS n, toString(sum(cost)) AS s, toString(sum(id)) AS ids FROM (${union('fact_impressions')}) GROUP BY campaign_id ORDER BY campaign_id`,
    ),
    clicks: await engine.rows<Row>(
      `SELECT toString(campaign_id) AS k, toString(count()) AS n, toString(sum(id)) AS ids FROM (${union('fact_clicks')}) GROUP BY campaign_id ORDER BY campaign_id`,
    ),
  };
  const pg = {
    impressions: await source.query<Row>(
      'SELECT campaign_id::text AS k, count(*)::text AS n, sum(cost)::text AS s, sum(id)::text AS ids FROM impressions GROUP BY campaign_id ORDER BY campaign_id',
    ),
    clicks: await source.query<Row>(
      'SELECT campaign_id::text AS k, count(*)::text AS n, sum(id)::text AS ids FROM clicks GROUP BY campaign_id ORDER BY campaign_id',
    ),
  };
  const money = (rows: Row[]) => rows.map((r) => ({ ...r, s: String(Number(r.s)) }));
  return { ch: { ...ch, impressions: money(ch.impressions) }, pg: { ...pg, impressions: money(pg.impressions) } };
}

/** Every shard holds exactly the fact rows PostgreSQL's hash gives it, and every dimension row. */
async function expectPlacement(prefix: string): Promise<void> {
  const owners = await source.query<{ id: string; s: number }>(
    'SELECT id::text AS id, (((hashtextextended(row(id)::text, 0) % 3) + 3) % 3)::int AS s FROM impressions',
  );
  for (let i = 0; i < SHARDS; i++) {
    const ids = (await engine.rows<{ id: string }>(`SELECT toString(id) AS id FROM ${prefix}${i + 1}.fact_impressions`))
      .map((r) => r.id)
      .sort();
    expect(ids).toEqual(
      owners
        .filter((o) => o.s === i)
        .map((o) => o.id)
        .sort(),
    );
    expect(await scalar(engine, `SELECT count() FROM ${prefix}${i + 1}.dim_campaign FINAL`)).toBe(
      String((await source.query<{ n: string }>('SELECT count(*)::text AS n FROM campaign'))[0]!.n),
    );
  }
}

beforeAll(async () => {
  ({ engine, dir, cleanup } = await openTestEngine());
  source = await startTestPostgres();
  await seedAdtech(source.connection, { ...ADTECH_DEFAULTS, impressions: 6_000, campaigns: 30, advertisers: 6 });
  cluster = await clusterOf('adtech_s');
});

afterAll(async () => {
  await source?.stop();
  await cleanup?.();
});

describe('sync on a simulated three-shard cluster', () => {
  it('each shard pulls only its rows of sharded tables and every dimension row; the shards together and the KPI views equal PostgreSQL', async () => {
    const groups = await run(cluster);
    expect(groups.map((g) => g.units.filter((u) => u.status === 'published').length)).toEqual([4, 4, 4]);
    await expectPlacement('adtech_s');
    const { ch, pg } = await bothSides('adtech_s');
    expect(ch).toEqual(pg);
    await expectValid(cluster);
  });

  it('incremental syncs, a shard failing mid-run and completed by the next run, --reconcile and --full-refresh: exact per shard and over the cluster', async () => {
    await source.query(
      "INSERT INTO impressions (campaign_id, event_time, cost) SELECT 1 + i % 30, now() - interval '1 hour', 0.001 * i FROM generate_series(1, 600) AS i",
    );
    await source.query(
      "INSERT INTO clicks (campaign_id, impression_id, event_time) SELECT campaign_id, id, event_time + interval '1 minute' FROM impressions WHERE id % 40 = 0 AND inserted_at > now() - interval '1 minute'",
    );
    await source.query("UPDATE campaign SET bid = bid + 1, name = name || ' v2' WHERE id % 4 = 0");
    // The second shard's load of impressions fails, as a full disk would: the others load and publish.
    const failing: SyncCluster = {
      ...cluster,
      shards: cluster.shards.map((s, i) =>
        i === 1
          ? {
              ...s,
              engine: faultyEngine(s.engine, [
                { match: (_sql, o) => o.step === 'impressions.drop_staging', error: brokenDisk, times: 1 },
              ]),
            }
          : s,
      ),
    };
    await expect(run(failing)).rejects.toThrow(/No space left on device/);
    const { ch: partial, pg } = await bothSides('adtech_s');
    expect(partial.impressions).not.toEqual(pg.impressions);
    // The next run loads the failed shard's window again; the others re-read their lookback and add nothing twice.
    let windows: LoadWindow[][] = [];
    await run(cluster, {}, (w) => (windows = w));
    await expectPlacement('adtech_s');
    expect((await bothSides('adtech_s')).ch).toEqual(pg);
    await expectValid(
      cluster,
      windows.map((w) => scopeAfterSync(w, false)),
    );

    // Deletes in PostgreSQL: each shard reconciles its own rows.
    await source.query('DELETE FROM clicks WHERE id % 7 = 0');
    await source.query(
      'DELETE FROM impressions WHERE id % 97 = 0 AND id NOT IN (SELECT impression_id FROM clicks WHERE impression_id IS NOT NULL)',
    );
    await run(cluster, { reconcile: true });
    const after = await bothSides('adtech_s');
    expect(after.ch).toEqual(after.pg);
    await expectValid(cluster);

    // A full refresh publishes staging partition by partition on every shard: rows lost on one shard come back, a
    // month PostgreSQL does not have goes.
    await engine.command('ALTER TABLE adtech_s3.fact_impressions DELETE WHERE id % 5 = 0 SETTINGS mutations_sync = 2');
    await engine.command(
      "INSERT INTO adtech_s2.fact_impressions SELECT * REPLACE (toDateTime64('2019-01-15 00:00:00', 6, 'UTC') AS event_time) FROM adtech_s2.fact_impressions LIMIT 3",
    );
    expect((await bothSides('adtech_s')).ch.impressions).not.toEqual(after.pg.impressions);
    await run(cluster, { fullRefresh: true });
    expect(
      await scalar(
        engine,
        "SELECT count() FROM system.parts WHERE database = 'adtech_s2' AND table = 'fact_impressions' AND active AND partition_id = '201901'",
      ),
    ).toBe('0');
    await expectPlacement('adtech_s');
    const refreshed = await bothSides('adtech_s');
    expect(refreshed.ch).toEqual(refreshed.pg);
    await expectValid(cluster);
  });

  it('refuses a cluster with another number of shards than the plan, before anything runs', async () => {
    const two: SyncCluster = { ...cluster, shards: cluster.shards.slice(0, 2) };
    const refused = await run(two).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SafetyError);
    expect((refused as Error).message).toMatch(/Cluster adtech has 2 shard\(s\); plan adtech_s1 was compiled for 3/);
  });

  it('the committed cluster plan is exactly what the compiler produces', async () => {
    const { sources, sourceFingerprint } = await withCollection(
      engine,
      SPEC.source.collection,
      source.connection,
      SPEC.source.schema,
      async (c) => {
        const info = await sourceColumns(engine, SPEC, source.connection, c);
        return {
          sources: await introspectSources(engine, SPEC, source.connection, c, info),
          sourceFingerprint: columnsFingerprint(info),
        };
      },
    );
    const committed = 'generated-sql/adtech_sync_cluster';
    const files = buildSyncPlan(SPEC, sources, {
      name: 'adtech_sync_cluster',
      dir: committed,
      toolVersion: TOOL_VERSION,
      sourceFingerprint,
    }).files;
    const names = readdirSync(committed, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => relative(committed, join(f.parentPath, f.name)))
      .sort();
    expect(names).toEqual(files.map((f) => f.name).sort());
    for (const file of files) expect(file.content, file.name).toBe(readFileSync(join(committed, file.name), 'utf8'));
  });
});
