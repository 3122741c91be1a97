import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Engine } from '../../src/engine/engine.js';
import { loadSyncSpec, syncSpecOf } from '../../src/kinds/sync/plan/spec.js';
import { buildSyncPlan, readSyncPlan, type SyncPlan } from '../../src/kinds/sync/plan/plan.js';
import { compileSyncDir } from '../../src/kinds/sync/plan/compile-plan-dir.js';
import { runSync } from '../../src/kinds/sync/run/run.js';
import { scopeAfterSync, validateSync, type ValidationScope } from '../../src/kinds/sync/validate/validate.js';
import { widenedXid } from '../../src/kinds/sync/plan/pg-queries.js';
import type { LoadWindow } from '../../src/kinds/sync/run/load-window.js';
import { seedAdtech, ADTECH_DEFAULTS } from '../../src/kinds/sync/seed/seed-adtech.js';
import { withCollection } from '../../src/engine/postgres.js';
import { columnsFingerprint, introspectSources, sourceColumns } from '../../src/kinds/sync/plan/introspect.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { openTestEngine } from '../helpers/engine.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { brokenDisk, faultyEngine, connectionReset, observedEngine, tooManyParts } from '../helpers/faulty-engine.js';
import { runCli, startCli } from '../helpers/cli.js';

const SPEC = loadSyncSpec('examples/adtech-sync.json');

let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;
let source: TestPostgres;
let plan: SyncPlan;

type Row = Record<string, unknown>;

/** Every fact and dimension row, as PostgreSQL itself answers (its own SQL, its own client). */
async function postgresState() {
  return {
    impressions: await source.query<Row>(
      'SELECT campaign_id::text AS k, count(*)::text AS n, sum(cost)::text AS s, sum(id)::text AS ids FROM impressions GROUP BY campaign_id ORDER BY campaign_id',
    ),
    clicks: await source.query<Row>(
      'SELECT campaign_id::text AS k, count(*)::text AS n, sum(id)::text AS ids FROM clicks GROUP BY campaign_id ORDER BY campaign_id',
    ),
    campaigns: await source.query<Row>(
      'SELECT id::text AS k, name, bid::text AS bid, advertiser_id::text AS a FROM campaign ORDER BY id',
    ),
    advertisers: await source.query<Row>('SELECT id::text AS k, name FROM advertiser ORDER BY id'),
  };
}

/** The same, asked of ClickHouse's tables directly (not through the plan's queries). */
async function clickhouseState() {
  const rows = (sql: string) => engine.rows<Row>(sql);
  const trim = (rows: Row[]) =>
    rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'bid' || k === 's' ? String(Number(v)) : v])),
    );
  return {
    impressions: await rows(
      'SELECT toString(campaign_id) AS k, toString(count()) AS n, toString(sum(cost)) AS s, toString(sum(id)) AS ids FROM analytics.fact_impressions GROUP BY campaign_id ORDER BY campaign_id',
    ),
    clicks: await rows(
      'SELECT toString(campaign_id) AS k, toString(count()) AS n, toString(sum(id)) AS ids FROM analytics.fact_clicks GROUP BY campaign_id ORDER BY campaign_id',
    ),
    campaigns: trim(
      await rows(
        'SELECT toString(id) AS k, name, toString(bid) AS bid, toString(advertiser_id) AS a FROM analytics.dim_campaign FINAL ORDER BY id',
      ),
    ),
    advertisers: await rows('SELECT toString(id) AS k, name FROM analytics.dim_advertiser FINAL ORDER BY id'),
  };
}

function normalised(state: Awaited<ReturnType<typeof postgresState>>) {
  const num = (rows: Row[], ...keys: string[]) =>
    rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, keys.includes(k) ? String(Number(v)) : v])),
    );
  return { ...state, impressions: num(state.impressions, 's'), campaigns: num(state.campaigns, 'bid') };
}

async function expectExact(): Promise<void> {
  const ch = await clickhouseState();
  const pgState = normalised(await postgresState());
  expect({ ...ch, impressions: ch.impressions.map((r) => ({ ...r, s: String(Number(r.s)) })) }).toEqual(pgState);
  const report = await validateSync(engine, plan, source.connection);
  const failed = report.days.flatMap((d) =>
    d.checks.filter((c) => c.status === 'fail').map((c) => `${c.name}: ${c.detail}`),
  );
  expect(failed).toEqual([]);
}

const sync = (options: Partial<Parameters<typeof runSync>[2]> = {}, on: Engine = engine) =>
  runSync(on, plan, { pg: source.connection, ...options });

beforeAll(async () => {
  ({ engine, dir, cleanup } = await openTestEngine());
  source = await startTestPostgres();
  await seedAdtech(source.connection, { ...ADTECH_DEFAULTS, impressions: 20_000, campaigns: 60, advertisers: 12 });
  const compiled = await compileSyncDir(engine, SPEC, source.connection, join(dir, 'adtech_sync'));
  plan = readSyncPlan(compiled.out);
});

afterAll(async () => {
  await source?.stop();
  await cleanup?.();
});

describe('sync: PostgreSQL → ClickHouse, pulled by ClickHouse', () => {
  it('compiles the committed demo plan byte for byte', async () => {
    const { sources, sourceFingerprint } = await withCollection(
      engine,
      SPEC.source.collection,
      source.connection,
      SPEC.source.schema,
      async (collection) => {
        const info = await sourceColumns(engine, SPEC, source.connection, collection);
        return {
          sources: await introspectSources(engine, SPEC, source.connection, collection, info),
          sourceFingerprint: columnsFingerprint(info),
        };
      },
    );
    const files = buildSyncPlan(SPEC, sources, {
      name: 'adtech_sync',
      dir: 'generated-sql/adtech_sync',
      toolVersion: TOOL_VERSION,
      sourceFingerprint,
    }).files;
    const committed = (root: string): string[] =>
      readdirSync(root).flatMap((f) =>
        statSync(join(root, f)).isDirectory() ? committed(join(root, f)) : [join(root, f)],
      );
    const names = committed('generated-sql/adtech_sync')
      .map((f) => relative('generated-sql/adtech_sync', f))
      .filter((f) => f !== 'APPROVAL.json')
      .sort();
    expect(files.map((f) => f.name).sort()).toEqual(names);
    for (const file of files)
      expect(file.content, file.name).toBe(readFileSync(join('generated-sql/adtech_sync', file.name), 'utf8'));
    // No credential in any file of the plan.
    for (const file of files) expect(file.content).not.toContain(source.connection.password);
  });

  it("loads every table exactly, and its KPIs equal PostgreSQL's own", async () => {
    const tables = await sync();
    expect(tables.map((t) => t.status)).toEqual(['published', 'published', 'published', 'published']);
    await expectExact();
    // The named collection, which holds the password, is gone after the run.
    expect(
      await engine.rows(`SELECT name FROM system.named_collections WHERE name = '${SPEC.source.collection}'`),
    ).toEqual([]);
  });

  it('incremental loads: new rows, late rows inside the lookback, updates; re-reading overlapping windows doubles nothing', async () => {
    const [{ hi }] = (await source.query<{ hi: string }>(
      "SELECT to_char(max(inserted_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS hi FROM impressions",
    )) as [{ hi: string }];
    // New impressions now; a long transaction's rows committed late, stamped 2 minutes before the watermark.
    await source.query(
      "INSERT INTO impressions (campaign_id, event_time, cost) SELECT 1 + i % 60, now() - interval '1 hour', 0.001 * i FROM generate_series(1, 500) AS i",
    );
    await source.query(
      `INSERT INTO impressions (campaign_id, event_time, cost, inserted_at) SELECT 2, timestamptz '${hi}+00' - interval '1 day', 0.5, timestamptz '${hi}+00' - interval '2 minutes' FROM generate_series(1, 7)`,
    );
    await source.query(
      "INSERT INTO clicks (campaign_id, impression_id, event_time) SELECT campaign_id, id, event_time + interval '1 minute' FROM impressions WHERE id % 50 = 0 AND inserted_at > now() - interval '1 minute'",
    );
    await source.query("UPDATE campaign SET bid = bid + 1, name = name || ' v2' WHERE id % 5 = 0");
    await source.query("UPDATE advertiser SET name = 'Renamed ' || id WHERE id = 3");
    await sync();
    await sync(); // the same windows again: nothing may double
    await expectExact();
    const [kpi] = await engine.rows<{ bid: string }>(
      'SELECT toString(bid) AS bid FROM analytics.kpi_campaign_efficiency WHERE campaign_id = 5',
    );
    const [theirs] = await source.query<{ bid: string }>('SELECT bid::text AS bid FROM campaign WHERE id = 5');
    expect(Number(kpi!.bid)).toBe(Number(theirs!.bid));
  });

  it("after a sync, validation compares the rows of the windows it loaded with PostgreSQL's own totals: a row lost inside a window fails it, one outside is left to the full validation", async () => {
    await source.query(
      "INSERT INTO impressions (campaign_id, event_time, cost) SELECT 1 + i % 60, now() - interval '30 minutes', 0.002 * i FROM generate_series(1, 300) AS i",
    );
    let windows: LoadWindow[] = [];
    await sync({ onWindows: (loads) => (windows = loads) });
    const scope = scopeAfterSync(windows, false);
    expect(scope.kind).toBe('window');
    expect(scopeAfterSync(windows, true).kind).toBe('full');
    const failed = async (s: ValidationScope) =>
      (await validateSync(engine, plan, source.connection, s)).days.flatMap((d) =>
        d.checks.filter((c) => c.status === 'fail').map((c) => ({ name: c.name, problems: c.problems })),
      );
    expect(await failed(scope)).toEqual([]);
    // The window holds at least the 300 new rows, as PostgreSQL counts them itself.
    const w = windows.find((l) => l.table === 'impressions')!;
    const [inWindow] = await source.query<{ n: string; newest: string }>(
      `SELECT count(*)::text AS n, max(id)::text AS newest FROM impressions WHERE inserted_at > '${w.lo}+00' AND inserted_at <= '${w.hi}+00'`,
    );
    expect(Number(inWindow!.n)).toBeGreaterThanOrEqual(300);
    const [{ oldest }] = (await source.query<{ oldest: string }>(
      `SELECT min(id)::text AS oldest FROM impressions WHERE inserted_at <= '${w.lo}+00'`,
    )) as [{ oldest: string }];
    // Lose one row inside the window and one older than it.
    await engine.command(
      `ALTER TABLE analytics.fact_impressions DELETE WHERE id IN (${inWindow!.newest}, ${oldest}) SETTINGS mutations_sync = 2`,
    );
    const inside = await failed(scope);
    expect(inside.map((f) => f.name.replace(/ \(inserted_at in .*\]\)/, ''))).toEqual([
      'impressions: rows',
      'impressions: sum(id)',
      'impressions: sum(campaign_id)',
      'impressions: sum of event_time in µs',
      'impressions: sum(cost)',
      'impressions: sum of inserted_at in µs',
      'impressions: keys only in PostgreSQL',
    ]);
    expect(inside.at(-1)!.problems).toEqual([`(${inWindow!.newest})`]);
    const full = await failed({ kind: 'full' });
    expect(full.find((f) => f.name === 'impressions: keys only in PostgreSQL')!.problems).toEqual(
      expect.arrayContaining([`(${inWindow!.newest})`, `(${oldest})`]),
    );
    await sync({ fullRefresh: true });
    await expectExact();
  });

  it('a row committed later than the lookback is missed and validation names it; --full-refresh repairs it with an atomic swap', async () => {
    const [{ hi }] = (await source.query<{ hi: string }>(
      "SELECT to_char(max(inserted_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS hi FROM impressions",
    )) as [{ hi: string }];
    await source.query(
      `INSERT INTO impressions (campaign_id, event_time, cost, inserted_at) VALUES (4, timestamptz '${hi}+00', 0.25, timestamptz '${hi}+00' - interval '1 hour')`,
    );
    await sync();
    const report = await validateSync(engine, plan, source.connection);
    const missing = report.days
      .flatMap((d) => d.checks)
      .find((c) => c.name === 'impressions: keys only in PostgreSQL')!;
    expect(missing.status).toBe('fail');
    expect(missing.detail).toMatch(/^1 keys are in PostgreSQL/);
    const [{ uuid: before }] = (await engine.rows<{ uuid: string }>(
      "SELECT toString(uuid) AS uuid FROM system.tables WHERE database = 'analytics' AND name = 'fact_impressions'",
    )) as [{ uuid: string }];
    await sync({ fullRefresh: true });
    await expectExact();
    const [{ uuid: after }] = (await engine.rows<{ uuid: string }>(
      "SELECT toString(uuid) AS uuid FROM system.tables WHERE database = 'analytics' AND name = 'fact_impressions'",
    )) as [{ uuid: string }];
    expect(after).not.toBe(before); // swapped in, not emptied and refilled in place
    expect(await engine.rows('SELECT 1 FROM analytics.fact_impressions__staging LIMIT 1')).toEqual([]);
  });

  it('a transaction held open across a sync and committed after it: the next plain sync loads its rows, exact row by row', async () => {
    // No lookback at all: only the watermark can bring the late rows in.
    const zero = readSyncPlan(
      (
        await compileSyncDir(
          engine,
          syncSpecOf({ ...JSON.parse(readFileSync('examples/adtech-sync.json', 'utf8')), lookbackSeconds: 0 }),
          source.connection,
          join(dir, 'no_lookback'),
        )
      ).out,
    );
    const run = (onEvent?: (e: { type: string; message?: string }) => void) =>
      runSync(engine, zero, { pg: source.connection, onEvent });
    await run();
    const open = new pg.Client({ ...source.connection });
    await open.connect();
    try {
      await open.query('BEGIN');
      // Stamped with the transaction's start (the column defaults to now()), like a slow request or batch job.
      await open.query(
        'INSERT INTO impressions (campaign_id, event_time, cost) SELECT 3, now(), 0.5 FROM generate_series(1, 40)',
      );
      await open.query('UPDATE campaign SET bid = bid + 1, updated_at = now() WHERE id <= 8');
      // Meanwhile newer rows commit, and a sync runs past them.
      await source.query(
        'INSERT INTO impressions (campaign_id, event_time, cost) SELECT 5, now(), 0.1 FROM generate_series(1, 10)',
      );
      await source.query("UPDATE campaign SET name = name || '*', updated_at = now() WHERE id = 20");
      const warnings: string[] = [];
      await run((e) => {
        if (e.type === 'warning') warnings.push(e.message!);
      });
      expect(
        warnings.some((w) => /^impressions: a transaction open in PostgreSQL since .* has not committed/.test(w)),
      ).toBe(true);
      await open.query('COMMIT');
    } finally {
      await open.end();
    }
    await run();
    await expectExact();
  });

  it("a dimension row the application re-stamps earlier than its loaded version (inside the lookback) takes PostgreSQL's current state", async () => {
    await sync();
    // The newest campaign: its stamp is at the watermark, so half a second back is inside the lookback. The trigger
    // stamps updated_at; an application clock that lags moves it back.
    const [{ id, was }] = (await source.query<{ id: string; was: string }>(
      'SELECT id::text AS id, updated_at::text AS was FROM campaign ORDER BY updated_at DESC, id LIMIT 1',
    )) as [{ id: string; was: string }];
    await source.query('ALTER TABLE campaign DISABLE TRIGGER USER');
    try {
      await source.query(
        `UPDATE campaign SET bid = 7.77, name = 'back-dated', updated_at = timestamptz '${was}' - interval '0.5 seconds' WHERE id = ${id}`,
      );
    } finally {
      await source.query('ALTER TABLE campaign ENABLE TRIGGER USER');
    }
    await sync();
    const [ours] = await engine.rows<{ bid: string; name: string }>(
      `SELECT toString(bid) AS bid, name FROM analytics.dim_campaign FINAL WHERE id = ${id}`,
    );
    expect(ours).toEqual({ bid: '7.77', name: 'back-dated' });
    await expectExact();
  });

  it('facts re-stamped by an UPDATE or an upsert replace their earlier rows: one plain sync is exact, no fact twice', async () => {
    await sync();
    await source.query(
      'UPDATE impressions SET inserted_at = clock_timestamp(), cost = cost + 1 WHERE id IN (SELECT id FROM impressions ORDER BY id LIMIT 5)',
    );
    await source.query(`INSERT INTO impressions (id, campaign_id, event_time, cost)
      SELECT id, campaign_id, event_time, cost + 2 FROM impressions WHERE id IN (SELECT id FROM impressions ORDER BY id DESC LIMIT 3)
      ON CONFLICT (id) DO UPDATE SET cost = excluded.cost, inserted_at = clock_timestamp()`);
    const warnings: string[] = [];
    await sync({
      onEvent: (e) => {
        if (e.type === 'warning') warnings.push(e.message);
      },
    });
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^impressions: 8 facts whose inserted_at moved since they were loaded .* replace their earlier rows\.$/,
      ),
    );
    expect(
      await engine.rows('SELECT toString(count() - uniqExact(id)) AS twice FROM analytics.fact_impressions'),
    ).toEqual([{ twice: '0' }]);
    await expectExact();
    // Nothing moved since: nothing is deleted.
    warnings.length = 0;
    await sync({
      onEvent: (e) => {
        if (e.type === 'warning') warnings.push(e.message);
      },
    });
    expect(warnings.filter((w) => /moved since/.test(w))).toEqual([]);
  });

  it('deletes: validation lists keys only in ClickHouse; --reconcile deletes facts and tombstones dimensions', async () => {
    await source.query("INSERT INTO advertiser (name) VALUES ('Short-lived')");
    await sync();
    await source.query("DELETE FROM advertiser WHERE name = 'Short-lived'");
    await source.query('DELETE FROM clicks WHERE id % 40 = 0');
    await sync();
    const report = await validateSync(engine, plan, source.connection);
    const stale = report.days
      .flatMap((d) => d.checks)
      .filter((c) => /keys only in ClickHouse/.test(c.name) && c.status === 'fail')
      .map((c) => c.name);
    expect(stale.sort()).toEqual(['advertiser: keys only in ClickHouse', 'clicks: keys only in ClickHouse']);
    await sync({ reconcile: true });
    await expectExact();
    const [tomb] = await engine.rows<{ n: string }>(
      "SELECT toString(count()) AS n FROM analytics.dim_advertiser WHERE name = 'Short-lived' AND _deleted = 1",
    );
    expect(tomb!.n).toBe('1');
    await sync({ reconcile: true }); // twice changes nothing more
    await expectExact();
  });

  it('reconcile refuses to remove more than a tenth of a table unless forced', async () => {
    await source.query('DELETE FROM clicks WHERE id % 3 = 0');
    await expect(sync({ reconcile: true })).rejects.toThrow(
      /Reconcile would delete \d+ of \d+ rows of analytics.fact_clicks[\s\S]*Nothing was removed/,
    );
    await sync({ reconcile: true, force: true });
    await expectExact();
  });

  it('a run stopped at any statement resumes to the same result on the next run', async () => {
    await source.query(
      'INSERT INTO impressions (campaign_id, event_time, cost) SELECT 1 + i % 60, now(), 0.002 FROM generate_series(1, 300) AS i',
    );
    await source.query('UPDATE campaign SET budget = budget + 1 WHERE id % 7 = 0');
    // `ledger:publish` is the ledger row that moves the watermark, written after the publish itself.
    const steps = [
      'campaign.drop_staging',
      'campaign.create_staging',
      'campaign.load',
      'campaign.merge',
      'impressions.load',
      'impressions.merge',
      'ledger:chunk',
      'ledger:publish',
      'ledger:lease',
      'kpi.kpi_campaign_ctr.refresh',
      'impressions.swap',
      'impressions.clear_staging',
    ];
    for (const step of steps) {
      const [name, ledgerStep] = step.split(':');
      const broken = faultyEngine(engine, [
        {
          match: (_sql, o) => o.step === name && (!ledgerStep || o.params?.step === ledgerStep),
          // A fault the run does not retry (a lost connection or too many parts is retried in the run).
          error: brokenDisk,
          times: 1,
        },
      ]);
      await expect(
        sync({ fullRefresh: ['impressions.swap', 'impressions.clear_staging'].includes(step) }, broken),
      ).rejects.toThrow();
      expect(broken.injected, step).toBe(1);
      await sync();
      await expectExact();
    }
  });

  it('a load that meets a transient error or a lost connection is tried again in the same run, exactly once in the target', async () => {
    await source.query(
      'INSERT INTO impressions (campaign_id, event_time, cost) SELECT 1 + i % 60, now(), 0.003 FROM generate_series(1, 200) AS i',
    );
    const flaky = faultyEngine(engine, [
      { match: (_sql, o) => o.step === 'impressions.load', error: tooManyParts, times: 1 },
      { match: (_sql, o) => o.step === 'clicks.create_staging', error: connectionReset, times: 1 },
    ]);
    const retries: string[] = [];
    const tables = await sync(
      { onEvent: (e) => e.type === 'chunk_retry' && retries.push(e.window.label.split(' (')[0]!) },
      flaky,
    );
    expect(flaky.injected).toBe(2);
    expect(retries).toEqual(['table impressions', 'table clicks']);
    expect(tables.filter((t) => t.status === 'published').map((t) => t.unit)).toEqual(
      expect.arrayContaining(['table impressions', 'table clicks']),
    );
    await expectExact();
  });

  it('PostgreSQL lost mid-sync: the error says which tables this run published and which it did not', async () => {
    const unreachable = () =>
      new Error('Connection to `127.0.0.1:1` failed with error: could not connect to server: Connection refused');
    const broken = faultyEngine(engine, [
      { match: (_sql, o) => o.step === 'impressions.load', error: unreachable, times: 1 },
    ]);
    const failure = (await sync({}, broken).catch((e: unknown) => e)) as Error;
    expect(failure.message).toMatch(
      /^PostgreSQL at .* is unreachable \(.*\)\. This run published table advertiser, table campaign before it stopped \(complete, and recorded\); table impressions, table clicks were not loaded: run again to continue\./,
    );
    expect(failure.message).not.toMatch(/Nothing was loaded/);
    await sync();
    await expectExact();
  });

  it('a cursor that went backwards: a warning, validation names the rows it cannot reach, --full-refresh repairs', async () => {
    await source.query('INSERT INTO impressions (campaign_id, event_time, cost) VALUES (1, now(), 0.1)');
    await sync();
    // The newest rows move 30 days back: behind the watermark, where no incremental window reaches.
    await source.query(
      "UPDATE impressions SET inserted_at = inserted_at - interval '30 days' WHERE inserted_at > now() - interval '1 day'",
    );
    await source.query(
      "INSERT INTO impressions (campaign_id, event_time, cost, inserted_at) VALUES (1, now(), 0.1, now() - interval '30 days')",
    );
    const warnings: string[] = [];
    await sync({
      onEvent: (e) => {
        if (e.type === 'warning') warnings.push(e.message);
      },
    });
    expect(warnings.join('\n')).toMatch(
      /impressions: PostgreSQL's greatest impressions cursor is .* below the watermark/,
    );
    const report = await validateSync(engine, plan, source.connection);
    const missing = report.days
      .flatMap((d) => d.checks)
      .find((c) => c.name === 'impressions: keys only in PostgreSQL')!;
    expect(missing.detail).toMatch(/^1 keys are in PostgreSQL[\s\S]*--full-refresh reloads them/);
    await sync({ fullRefresh: true });
    await expectExact();
  });

  it("a dry run lists each table's window with PostgreSQL's row estimate and changes nothing", async () => {
    await source.query(
      'INSERT INTO impressions (campaign_id, event_time, cost) SELECT 1, now(), 0.1 FROM generate_series(1, 42)',
    );
    const [{ n: before }] = (await engine.rows<{ n: string }>(
      'SELECT toString(count()) AS n FROM analytics.fact_impressions',
    )) as [{ n: string }];
    const windows: string[] = [];
    const planned = await sync({
      dryRun: true,
      onEvent: (e) => {
        if (e.type === 'dry_run_chunk') windows.push(`${e.window.label}: ${e.estimatedRows}`);
      },
    });
    expect(planned.map((t) => t.status)).toEqual(['planned', 'planned', 'planned', 'planned']);
    expect(planned.find((t) => t.unit === 'table impressions')!.rowsRead).toBeGreaterThanOrEqual(42);
    expect(windows.find((w) => w.startsWith('table impressions'))).toMatch(/^table impressions \(\d{4}-.*, .*\]: \d+$/);
    const [{ n: after }] = (await engine.rows<{ n: string }>(
      'SELECT toString(count()) AS n FROM analytics.fact_impressions',
    )) as [{ n: string }];
    expect(after).toBe(before);
    await sync();
    await expectExact();
  });

  it("a KPI whose definition changed is replaced, refreshed and equal to PostgreSQL's; an unchanged one is left alone", async () => {
    const only30 = (query: string) => `${query} WHERE c.id <= 30`;
    const changedSpec = syncSpecOf({
      ...JSON.parse(readFileSync('examples/adtech-sync.json', 'utf8')),
      kpis: SPEC.kpis.map((k) =>
        k.name === 'kpi_campaign_ctr' ? { ...k, clickhouse: only30(k.clickhouse), postgres: only30(k.postgres) } : k,
      ),
    });
    const changed = readSyncPlan(
      (await compileSyncDir(engine, changedSpec, source.connection, join(dir, 'changed_kpi'))).out,
    );
    const views = () =>
      engine.rows<{ name: string; uuid: string; comment: string }>(
        "SELECT name, toString(uuid) AS uuid, comment FROM system.tables WHERE database = 'analytics' AND name LIKE 'kpi\\_%' ORDER BY name",
      );
    const before = await views();
    const warnings: string[] = [];
    const onEvent = (e: { type: string; message?: string }) => {
      if (e.type === 'warning') warnings.push(e.message!);
    };
    await runSync(engine, changed, { pg: source.connection, metrics: false, onEvent });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^KPI analytics\.kpi_campaign_ctr in ClickHouse was created from another definition .* It is replaced: this plan's definition is built beside it, refreshed, and swapped in atomically; until then readers see the previous one\.$/,
      ),
    ]);
    const after = await views();
    for (const view of after) {
      const was = before.find((b) => b.name === view.name)!;
      expect(view.uuid !== was.uuid, view.name).toBe(view.name === 'kpi_campaign_ctr');
      expect(view.comment).toBe(changed.manifest.objects.find((o) => o.name === view.name)!.definition);
    }
    // Refreshed although metrics were off: PostgreSQL's own count of campaigns with an advertiser, up to id 30.
    const [{ n }] = (await source.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM campaign c JOIN advertiser a ON a.id = c.advertiser_id WHERE c.id <= 30',
    )) as [{ n: string }];
    expect(
      await engine.rows(
        'SELECT toString(count()) AS n, max(campaign_id) <= 30 AS bounded FROM analytics.kpi_campaign_ctr',
      ),
    ).toEqual([{ n, bounded: 1 }]);
    const report = await validateSync(engine, changed, source.connection);
    expect(report.days.flatMap((d) => d.checks.filter((c) => c.status === 'fail'))).toEqual([]);
    warnings.length = 0;
    await runSync(engine, changed, { pg: source.connection, onEvent });
    expect(warnings).toEqual([]);
    expect((await views()).map((v) => v.uuid)).toEqual(after.map((v) => v.uuid));
    // Back to the demo's definition.
    await sync({ onEvent });
    expect(warnings).toHaveLength(1);
    await expectExact();
  });

  it('a KPI change that fails to create or to refresh leaves the working view as it was, and says why', async () => {
    const withKpi = async (
      name: string,
      edit: (k: (typeof SPEC.kpis)[number]) => Partial<(typeof SPEC.kpis)[number]>,
    ) => {
      const edited = syncSpecOf({
        ...JSON.parse(readFileSync('examples/adtech-sync.json', 'utf8')),
        kpis: SPEC.kpis.map((k) => (k.name === 'kpi_campaign_ctr' ? { ...k, ...edit(k) } : k)),
      });
      return readSyncPlan((await compileSyncDir(engine, edited, source.connection, join(dir, name))).out);
    };
    const view = () =>
      engine.rows<{ uuid: string; comment: string; rows: string }>(
        "SELECT toString(uuid) AS uuid, comment, (SELECT toString(count()) FROM analytics.kpi_campaign_ctr) AS rows FROM system.tables WHERE database = 'analytics' AND name = 'kpi_campaign_ctr'",
      );
    const leftovers = () =>
      engine.rows("SELECT name FROM system.tables WHERE database = 'analytics' AND name LIKE '%chplan_next%'");
    const before = await view();
    const typo = await withKpi('typo_kpi', (k) => ({
      clickhouse: k.clickhouse.replace('k.clicks AS clicks', 'k.clickss AS clicks'),
    }));
    await expect(runSync(engine, typo, { pg: source.connection })).rejects.toThrow(
      /^KPI kpi_campaign_ctr: its new definition cannot be created \(.*clickss.*\)\. The view in ClickHouse keeps its previous definition and answers as before\. Nothing was loaded\./,
    );
    expect(await view()).toEqual(before);
    const failing = await withKpi('failing_kpi', (k) => ({
      clickhouse: k.clickhouse.replace(
        'SELECT c.id AS campaign_id,',
        "SELECT c.id AS campaign_id, throwIf(c.id > 0, 'refresh fails') AS boom,",
      ),
    }));
    await expect(runSync(engine, failing, { pg: source.connection })).rejects.toThrow(
      /^KPI kpi_campaign_ctr: its new definition failed its first refresh \(.*refresh fails.*\)\. The view in ClickHouse keeps its previous definition/,
    );
    expect(await view()).toEqual(before);
    const nullable = await withKpi('nullable_kpi', (k) => ({
      clickhouse: k.clickhouse.replace('SELECT c.id AS campaign_id,', 'SELECT toNullable(c.id) AS campaign_id,'),
    }));
    await expect(runSync(engine, nullable, { pg: source.connection })).rejects.toThrow(
      /Its key columns must not be Nullable: wrap them in ifNull/,
    );
    expect(await view()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it("columns named like the validation's own aliases (m, n, c0) sync and validate like any other", async () => {
    await source.query(
      'CREATE TABLE oddnames (id bigint PRIMARY KEY, n integer NOT NULL, m text NOT NULL, c0 numeric(10, 2) NOT NULL, updated_at timestamptz NOT NULL DEFAULT clock_timestamp())',
    );
    await source.query(
      "INSERT INTO oddnames (id, n, m, c0) SELECT i, i * 3, 'x' || i, i / 4.0 FROM generate_series(1, 50) AS i",
    );
    const spec = syncSpecOf({
      kind: 'sync',
      name: 'odd',
      database: 'odd',
      tables: [{ source: 'oddnames', role: 'dimension', primaryKey: ['id'], cursor: 'updated_at' }],
    });
    const odd = readSyncPlan((await compileSyncDir(engine, spec, source.connection, join(dir, 'odd'))).out);
    await runSync(engine, odd, { pg: source.connection });
    const report = await validateSync(engine, odd, source.connection);
    const checks = report.days.flatMap((d) => d.checks);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['oddnames: sum(n)', 'oddnames: characters of m', 'oddnames: sum(c0)']),
    );
    expect(await engine.rows('SELECT toString(sum(n)) AS n FROM odd.dim_oddnames FINAL')).toEqual([
      { n: String((3 * 50 * 51) / 2) },
    ]);
  });

  it('values ClickHouse would clamp or cannot read (dates and timestamps outside 1900–2299, ±infinity, subnormal floats) refuse the load, naming each; the boundaries load exactly', async () => {
    await source.query(
      "CREATE TABLE odd_values (id bigint PRIMARY KEY, born date NOT NULL, seen timestamptz NOT NULL, ratio float8 NOT NULL, code char(5) NOT NULL DEFAULT 'ab', updated_at timestamptz NOT NULL DEFAULT clock_timestamp())",
    );
    await source.query(
      "INSERT INTO odd_values (id, born, seen, ratio) VALUES (1, '1900-01-01', '1900-01-01 00:00:00+00', 2.2250738585072014e-308), (2, '2299-12-31', '2299-12-31 23:59:59.999999+00', -1.5)",
    );
    const spec = syncSpecOf({
      kind: 'sync',
      name: 'odd_values',
      database: 'odd_values',
      tables: [{ source: 'odd_values', role: 'dimension', primaryKey: ['id'], cursor: 'updated_at' }],
    });
    const odd = readSyncPlan((await compileSyncDir(engine, spec, source.connection, join(dir, 'odd_values'))).out);
    const state = () =>
      engine.rows(
        'SELECT toString(id) AS id, toString(born) AS born, toString(seen) AS seen, toString(ratio) AS ratio FROM odd_values.dim_odd_values FINAL ORDER BY id',
      );
    await runSync(engine, odd, { pg: source.connection });
    const boundaries = [
      { id: '1', born: '1900-01-01', seen: '1900-01-01 00:00:00.000000', ratio: '2.2250738585072014e-308' },
      { id: '2', born: '2299-12-31', seen: '2299-12-31 23:59:59.999999', ratio: '-1.5' },
    ];
    expect(await state()).toEqual(boundaries);
    const refused = async (insert: string, named: RegExp) => {
      await source.query(insert);
      await expect(runSync(engine, odd, { pg: source.connection })).rejects.toThrow(named);
      expect(await state()).toEqual(boundaries);
      await source.query('DELETE FROM odd_values WHERE id > 2');
    };
    await refused(
      "INSERT INTO odd_values (id, born, seen, ratio) VALUES (3, '1899-12-31', '2000-01-01 00:00:00+00', 1), (4, '9999-12-31', '2000-01-01 00:00:00+00', 1)",
      /^odd_values: rows in this run's window hold values ClickHouse would not read exactly: born: 2 dates before 1900 or after 2299 \(or ±infinity\)\. .*nothing of odd_values was loaded and its watermark did not move/,
    );
    await refused(
      "INSERT INTO odd_values (id, born, seen, ratio) VALUES (3, '2000-01-01', 'infinity', 5e-324)",
      /seen: 1 timestamps before 1900 or after 2299 \(or ±infinity\); ratio: 1 subnormal floats \(such as 5e-324\)\./,
    );
    // Once the source is corrected, the next plain sync loads and validates.
    await source.query(
      "INSERT INTO odd_values (id, born, seen, ratio) VALUES (3, '2000-01-01', '2000-01-01 00:00:00+00', 0)",
    );
    await runSync(engine, odd, { pg: source.connection });
    expect((await state()).length).toBe(3);
    // char(5) as PostgreSQL outputs it, blank-padded; validation counts both sides without the blanks.
    expect(await engine.rows('SELECT code FROM odd_values.dim_odd_values FINAL WHERE id = 3')).toEqual([
      { code: 'ab   ' },
    ]);
    const report = await validateSync(engine, odd, source.connection);
    expect(report.days.flatMap((d) => d.checks).filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('one-dimensional arrays load element by element and validate; a NULL array or a two-dimensional one refuses the load', async () => {
    await source.query(
      "CREATE TABLE tagged (id bigint PRIMARY KEY, tags text[], scores int[], ids bigint[] NOT NULL DEFAULT '{}', updated_at timestamptz NOT NULL DEFAULT clock_timestamp())",
    );
    await source.query(
      `INSERT INTO tagged (id, tags, scores, ids) VALUES (1, '{a,"b,c",NULL,""}', '{1,-2}', '{9007199254740993}'), (2, '{}', '{NULL,3}', '{}')`,
    );
    const spec = syncSpecOf({
      kind: 'sync',
      name: 'tagged',
      database: 'tagged',
      tables: [{ source: 'tagged', role: 'dimension', primaryKey: ['id'], cursor: 'updated_at' }],
    });
    const tagged = readSyncPlan((await compileSyncDir(engine, spec, source.connection, join(dir, 'tagged'))).out);
    await runSync(engine, tagged, { pg: source.connection });
    // Row by row against PostgreSQL's own JSON of the arrays.
    const theirs = await source.query<{ id: string; j: string }>(
      'SELECT id::text AS id, json_build_array(tags, scores, ids)::text AS j FROM tagged ORDER BY id',
    );
    const mine = await engine.rows<{ id: string; tags: unknown; scores: unknown; ids: unknown }>(
      'SELECT toString(id) AS id, tags, scores, arrayMap(x -> toString(x), ids) AS ids FROM tagged.dim_tagged FINAL ORDER BY id',
    );
    expect(mine.map((r) => [r.id, r.tags, r.scores, r.ids])).toEqual(
      theirs.map((r) => {
        const [tags, scores, ids] = JSON.parse(r.j.replace(/(\d{16,})/g, '"$1"')) as unknown[];
        return [r.id, tags, scores, (ids as unknown[]).map(String)];
      }),
    );
    const report = await validateSync(engine, tagged, source.connection);
    const checks = report.days.flatMap((d) => d.checks);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['tagged: elements of tags', 'tagged: NULL elements of scores']),
    );
    await source.query(
      "INSERT INTO tagged (id, tags, scores, ids) VALUES (3, NULL, '{}', '{}'), (4, '{{a,b},{c,d}}', '{}', '{}'), (5, '{}', '{}', '{1,NULL}')",
    );
    await expect(runSync(engine, tagged, { pg: source.connection })).rejects.toThrow(
      /tags: 2 NULL arrays \(ClickHouse reads them as empty\) or arrays of more than one dimension; ids: 1 arrays of more than one dimension, or with a NULL element \(read as 0 or an empty string\)\./,
    );
    expect(await engine.rows('SELECT count() AS n FROM tagged.dim_tagged FINAL')).toEqual([{ n: '2' }]);
  });

  it('a view syncs with the key and cursor its spec declares (PostgreSQL calls every view column nullable); a NULL key refuses the load', async () => {
    await source.query(
      'CREATE TABLE base_rows (id bigint PRIMARY KEY, amount numeric(12, 2) NOT NULL, tags text[], updated_at timestamptz NOT NULL DEFAULT clock_timestamp())',
    );
    await source.query(
      "INSERT INTO base_rows (id, amount, tags) SELECT i, i * 1.25, CASE WHEN i % 3 = 0 THEN NULL ELSE ARRAY['t' || i] END FROM generate_series(1, 40) AS i",
    );
    // The guide's way around a NULL array: a view that maps it.
    await source.query(
      "CREATE VIEW rows_view AS SELECT id, amount, coalesce(tags, '{}') AS tags, updated_at FROM base_rows",
    );
    const spec = syncSpecOf({
      kind: 'sync',
      name: 'viewed',
      database: 'viewed',
      tables: [{ source: 'rows_view', role: 'dimension', primaryKey: ['id'], cursor: 'updated_at' }],
    });
    const viewed = readSyncPlan((await compileSyncDir(engine, spec, source.connection, join(dir, 'viewed'))).out);
    await runSync(engine, viewed, { pg: source.connection });
    expect(
      await engine.rows(
        'SELECT count() AS n, toString(sum(amount)) AS amount, sum(length(tags)) AS tags FROM viewed.dim_rows_view FINAL',
      ),
    ).toEqual(
      await source.query(
        'SELECT count(*)::text AS n, trim_scale(sum(amount))::text AS amount, sum(cardinality(tags))::text AS tags FROM rows_view',
      ),
    );
    const report = await validateSync(engine, viewed, source.connection);
    expect(report.days.flatMap((d) => d.checks).filter((c) => c.status !== 'pass')).toEqual([]);
    await source.query(
      "CREATE OR REPLACE VIEW rows_view AS SELECT CASE WHEN id = 7 THEN NULL ELSE id END AS id, amount, coalesce(tags, '{}') AS tags, updated_at FROM base_rows",
    );
    await source.query('UPDATE base_rows SET updated_at = clock_timestamp() WHERE id = 7');
    await expect(runSync(engine, viewed, { pg: source.connection })).rejects.toThrow(
      /rows_view: rows in this run's window hold values ClickHouse would not read exactly: id: 1 NULL keys/,
    );
  });

  it("a target whose columns are not the plan's is refused with what differs; --full-refresh rebuilds it and later loads work", async () => {
    await source.query("ALTER TABLE campaign ADD COLUMN note text NOT NULL DEFAULT 'n/a'");
    await source.query("UPDATE campaign SET note = 'budget ' || budget::text, updated_at = now() WHERE id % 3 = 0");
    const widened = readSyncPlan((await compileSyncDir(engine, SPEC, source.connection, join(dir, 'widened'))).out);
    const run = (options: Partial<Parameters<typeof runSync>[2]> = {}) =>
      runSync(engine, widened, { pg: source.connection, ...options });
    await expect(run()).rejects.toThrow(
      /^analytics\.dim_campaign does not have this plan's columns \(missing note String\)\. The spec or PostgreSQL changed since the table was created; nothing was loaded\. Run again with --full-refresh/,
    );
    const warnings: string[] = [];
    await run({
      fullRefresh: true,
      onEvent: (e) => {
        if (e.type === 'warning') warnings.push(e.message);
      },
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^analytics\.dim_campaign does not have this plan's columns .* the full refresh rebuilds it with this plan's columns\.$/,
      ),
    ]);
    await source.query("UPDATE campaign SET note = 'later', updated_at = now() WHERE id = 2");
    await run();
    // PostgreSQL's own notes against ClickHouse's, row for row.
    const pgNotes = await source.query<Row>('SELECT id::text AS id, note FROM campaign ORDER BY id');
    expect(
      await engine.rows<Row>('SELECT toString(id) AS id, note FROM analytics.dim_campaign FINAL ORDER BY id'),
    ).toEqual(pgNotes);
    expect(pgNotes.find((r) => r.id === '2')!.note).toBe('later');
    const report = await validateSync(engine, widened, source.connection);
    expect(report.days.flatMap((d) => d.checks.filter((c) => c.status === 'fail'))).toEqual([]);
    // Back to the demo's columns.
    await source.query('ALTER TABLE campaign DROP COLUMN note');
    await expect(sync()).rejects.toThrow(/note is not in the plan/);
    await sync({ fullRefresh: true });
    await expectExact();
  });

  it('refuses a source that sends timestamps in another zone', async () => {
    await source.query(`ALTER ROLE ${source.connection.user} SET TimeZone = 'Europe/Berlin'`);
    try {
      await expect(sync()).rejects.toThrow(
        /TimeZone, here Europe\/Berlin[\s\S]*ALTER ROLE chplan SET TimeZone = 'UTC'/,
      );
    } finally {
      await source.query(`ALTER ROLE ${source.connection.user} RESET TimeZone`);
    }
  });

  it('wrong password or unreachable server: one-paragraph errors that never echo the password', async () => {
    const wrong = { ...source.connection, password: 'n0t-the-Passw0rd' };
    const error = await sync({ pg: wrong }).catch((e: Error) => e);
    expect(String(error)).toMatch(/refused the login \(wrong user or password\)\. Nothing was loaded/);
    expect(String(error) + String((error as Error).cause)).not.toContain('n0t-the-Passw0rd');
    const closed = await sync({ pg: { ...source.connection, port: 1 } }).catch((e: Error) => e);
    expect(String(closed)).toMatch(/is unreachable[\s\S]*Nothing was loaded/);
  });

  it('tables captured by transactions load rows the application stamped far behind the watermark, exact row by row; captured by cursor they are missed', async () => {
    const raw = JSON.parse(readFileSync('examples/adtech-sync.json', 'utf8')) as { tables: object[] };
    const spec = syncSpecOf({
      ...raw,
      name: 'adtech_xact',
      database: 'by_xact',
      tables: raw.tables.map((t) => ({ ...t, capture: 'transactions' })),
    });
    const xact = readSyncPlan((await compileSyncDir(engine, spec, source.connection, join(dir, 'by_xact'))).out);
    const syncXact = () => runSync(engine, xact, { pg: source.connection });
    await syncXact();
    await sync();
    // An import stamped a day back, and a correction whose application clock lags a day: both far behind every
    // watermark minus the lookback.
    const [{ id: campaign }] = (await source.query<{ id: string }>(
      'SELECT id::text AS id FROM campaign ORDER BY id LIMIT 1',
    )) as [{ id: string }];
    await source.query(
      "INSERT INTO impressions (campaign_id, event_time, cost, inserted_at) SELECT 3, now() - interval '1 day', 0.25 * i, (SELECT max(inserted_at) FROM impressions) - interval '1 day' FROM generate_series(1, 40) AS i",
    );
    await source.query('ALTER TABLE campaign DISABLE TRIGGER USER');
    try {
      await source.query(
        `UPDATE campaign SET bid = 9.99, updated_at = updated_at - interval '1 day' WHERE id = ${campaign}`,
      );
    } finally {
      await source.query('ALTER TABLE campaign ENABLE TRIGGER USER');
    }
    await syncXact();
    await syncXact(); // rows read again through an overlapping snapshot double nothing
    await sync();
    type State = { n: string; ids: string; cost: string; bid: string };
    const clickhouse = (database: string) =>
      engine.rows<State>(
        `SELECT toString(count()) AS n, toString(sum(id)) AS ids, toString(sum(cost)) AS cost, (SELECT toString(bid) FROM ${database}.dim_campaign FINAL WHERE id = ${campaign}) AS bid FROM ${database}.fact_impressions`,
      );
    const [theirs] = await source.query<State>(
      `SELECT count(*)::text AS n, sum(id)::text AS ids, sum(cost)::text AS cost, (SELECT bid::text FROM campaign WHERE id = ${campaign}) AS bid FROM impressions`,
    );
    const numeric = (s: State | undefined) => s && { ...s, cost: String(Number(s.cost)), bid: String(Number(s.bid)) };
    expect(numeric((await clickhouse('by_xact'))[0])).toEqual(numeric(theirs));
    // Every column of every table and every KPI row, against PostgreSQL's own SQL.
    const full = await validateSync(engine, xact, source.connection);
    expect(full.days.flatMap((d) => d.checks.filter((c) => c.status !== 'pass').map((c) => c.name))).toEqual([]);
    expect(full.days.filter((d) => d.day.startsWith('kpi_')).length).toBe(5);
    // Captured by cursor (the demo spec), the same rows are not loaded: 40 impressions and the correction are missing.
    const [byCursor] = await clickhouse('analytics');
    expect(Number(theirs!.n) - Number(byCursor!.n)).toBe(40);
    expect(Number(byCursor!.bid)).not.toBe(9.99);
    await sync({ fullRefresh: true });
    await expectExact();
    // The widening of a 32-bit xmin across the counter's wrap, computed by PostgreSQL: same epoch, the epoch before,
    // before the first wrap (the first normal id), and a frozen id.
    const epoch = 2 ** 32;
    for (const [next, xmin, widened] of [
      [epoch + 100, 50, epoch + 50],
      [epoch + 100, epoch - 6, epoch - 6],
      [100, epoch - 6, 3],
      [100, 50, 50],
      [3 * epoch + 7, 2, 3 * epoch + 2],
    ]) {
      const [row] = await source.query<{ x: string }>(
        `SELECT ${widenedXid(`${next}::bigint`, `${xmin}::bigint`)}::text AS x`,
      );
      expect(row!.x, `next ${next}, xmin ${xmin}`).toBe(String(widened));
    }
  });

  it('a sync compiles its plan again only when the spec, the PostgreSQL columns or the plan directory changed', async () => {
    await source.query('CREATE TABLE reuse_probe (id int PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now())');
    const spec = (lookbackSeconds: number) =>
      syncSpecOf({
        kind: 'sync',
        name: 'reuse_probe',
        database: 'reuse_probe',
        lookbackSeconds,
        tables: [{ source: 'reuse_probe', role: 'dimension', primaryKey: ['id'], cursor: 'updated_at' }],
      });
    const out = join(dir, 'reuse_probe');
    const compile = (s: ReturnType<typeof spec>) => compileSyncDir(engine, s, source.connection, out, { reuse: true });
    expect((await compile(spec(300))).reused).toBe(false);
    const again = await compile(spec(300));
    expect(again.reused).toBe(true);
    expect(readSyncPlan(out).manifest.planHash).toBe(again.planHash);
    expect((await compile(spec(60))).reused).toBe(false); // the spec changed
    expect((await compile(spec(60))).reused).toBe(true);
    await source.query('ALTER TABLE reuse_probe ADD COLUMN note text NOT NULL DEFAULT $$x$$');
    const widened = await compile(spec(60)); // PostgreSQL's columns changed
    expect(widened.reused).toBe(false);
    expect(readSyncPlan(out).manifest.syncTables[0]!.columns.map((c) => c.name)).toContain('note');
    expect((await compile(spec(60))).reused).toBe(true);
    await source.query('ALTER TABLE reuse_probe ALTER COLUMN id TYPE bigint');
    expect((await compile(spec(60))).reused).toBe(false); // a column retyped
    expect(readSyncPlan(out).manifest.syncTables[0]!.columns.find((c) => c.name === 'id')!.type).toBe('Int64');
    const load = readdirSync(join(out, 'reuse_probe')).find((f) => f.endsWith('_load.sql'))!;
    writeFileSync(join(out, 'reuse_probe', load), '-- edited\n');
    expect((await compile(spec(60))).reused).toBe(false); // an edited plan is compiled anew
    expect(readFileSync(join(out, 'reuse_probe', load), 'utf8')).not.toContain('-- edited');
    await source.query('DROP TABLE reuse_probe');
  });

  it('compile refuses tables and columns it cannot sync, naming each and what to do', async () => {
    await source.query(
      'CREATE TABLE odd (id bigint PRIMARY KEY, took interval, amount numeric, spans date[], seen timestamptz, at timestamptz NOT NULL)',
    );
    const spec = syncSpecOf({
      kind: 'sync',
      name: 'odd_sync',
      database: 'odd',
      tables: [
        { source: 'odd', role: 'fact', primaryKey: ['id'], cursor: 'seen' },
        { source: 'nowhere', role: 'dimension', primaryKey: ['id'], cursor: 'updated_at' },
        { source: 'campaign', role: 'dimension', primaryKey: ['id'], cursor: 'no_such_column' },
      ],
    });
    const out = join(dir, 'odd_sync');
    const error = await compileSyncDir(engine, spec, source.connection, out).catch((e: Error) => e);
    expect(String(error)).toMatch(/odd.seen \(cursor\) is nullable/);
    expect(String(error)).toMatch(/odd.took has PostgreSQL type interval[\s\S]*Sync a PostgreSQL view that casts it/);
    expect(String(error)).toMatch(/odd.amount is numeric without a precision/);
    expect(String(error)).toMatch(/odd.spans is an array of date, which ClickHouse would not read exactly/);
    expect(String(error)).toMatch(/PostgreSQL has no table public.nowhere/);
    expect(String(error)).toMatch(/campaign has no column no_such_column/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('sync from the command line', () => {
  const chplan = (args: string[], env: Record<string, string> = {}) => {
    const { host, port, user, password, database } = source.connection;
    const url = `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
    return runCli(args, { dataDir: join(dir, 'cli-data'), env: { PG_URL: url, ...env } });
  };

  it('chplan sync compiles, loads and validates; compile, run and validate work on the plan directory', () => {
    const out = join(dir, 'cli-plan');
    const synced = chplan(['sync', '--out', out, '--json']);
    expect(synced.stderr).toBe('');
    expect(synced.status).toBe(0);
    expect(JSON.parse(synced.stdout).report.passed).toBe(true);
    expect(chplan(['compile', '--spec', 'examples/adtech-sync.json', '--out', out]).status).toBe(0);
    const run = chplan(['run', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/impressions/);
    expect(chplan(['validate', out]).status).toBe(0);
    const refused = chplan(['run', out, '--day', '2026-09-01']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/takes no --day, --partition/);
  });

  it("a second sync while one is loading is refused by the lease, and the first finishes: neither touches the other's collection", async () => {
    let paused!: () => void;
    const reached = new Promise<void>((resolve) => {
      paused = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pausing = observedEngine(engine, {
      before: async (_sql, options) => {
        if (options.step?.endsWith('.load')) {
          paused();
          await released;
        }
      },
    });
    const first = runSync(pausing, plan, { pg: source.connection });
    await Promise.race([
      reached,
      first.then(() => {
        throw new Error('the first sync finished without loading anything');
      }),
    ]);
    await expect(sync()).rejects.toThrow(/^Another chplan run holds analytics\.adtech_sync/);
    release();
    expect((await first).length).toBe(4);
    await expectExact();
  });

  it('the PostgreSQL password is never on disk: not at any statement of a sync, nor after a sync is killed', async () => {
    const secret = Buffer.from(source.connection.password);
    // The engine merges parts while the test reads: a directory or file may be gone by the time it is read.
    const gone = <T>(read: () => T, otherwise: T): T => {
      try {
        return read();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return otherwise;
        throw e;
      }
    };
    const files = (root: string): string[] =>
      gone(() => readdirSync(root, { withFileTypes: true }), []).flatMap((f) => {
        const path = join(root, f.name);
        return f.isDirectory() ? files(path) : f.isFile() ? [path] : [];
      });
    const holding = (root: string) => files(root).filter((f) => gone(() => readFileSync(f).includes(secret), false));
    const collections = (root: string) => files(join(root, 'named_collections'));
    // In process: the data directory scanned after every statement that reads PostgreSQL.
    const dataDir = join(dir, 'data');
    let scans = 0;
    let withCollectionOnDisk = 0;
    const scan = (sql: string) => {
      if (!/NAMED COLLECTION|pg_collection/.test(sql)) return;
      scans++;
      if (collections(dataDir).length > 0) withCollectionOnDisk++;
      expect(holding(dataDir), sql.slice(0, 80)).toEqual([]);
    };
    const watched = observedEngine(engine, { after: scan });
    await runSync(watched, plan, { pg: source.connection, reconcile: true, force: true });
    await validateSync(watched, plan, source.connection);
    expect(scans).toBeGreaterThan(20);
    expect(withCollectionOnDisk).toBeGreaterThan(10); // the collection was on disk while scanned
    expect(collections(dataDir)).toEqual([]);
    // A sync killed mid-run leaves its collection behind, without the password. A lock on clicks holds
    // the run at that table's bound (its collection already made), so the kill lands there, however slow the machine.
    const { host, port, user, password, database } = source.connection;
    const cliData = join(dir, 'killed-data');
    const locker = new pg.Client({ ...source.connection });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE clicks IN ACCESS EXCLUSIVE MODE');
    try {
      const child = startCli(['sync', '--out', join(dir, 'killed-plan'), '--full-refresh'], {
        dataDir: cliData,
        env: { PG_URL: `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/${database}` },
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      for (let i = 0; i < 1200 && collections(cliData).length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill('SIGKILL');
      await exited;
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(collections(cliData).length).toBe(1);
    expect(holding(cliData)).toEqual([]);
  });

  it('sync takes --pg-url, and the minimal example spec (one table, defaults for the rest) syncs and validates', () => {
    const { host, port, user, password, database } = source.connection;
    const url = `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
    const minimal = runCli(
      ['sync', '--spec', 'examples/minimal-sync.json', '--pg-url', url, '--out', join(dir, 'minimal')],
      { dataDir: join(dir, 'cli-data'), env: { PG_URL: '', PGHOST: '' } },
    );
    expect(minimal.status, minimal.stderr).toBe(0);
    expect(minimal.stdout).toMatch(/validation passed: 100\.0%/);
    expect(minimal.stdout).toMatch(/table clicks \(from the beginning, /);
    expect(minimal.stdout + minimal.stderr).not.toContain(password);
  });

  it('a wrong password: exit code 3, a one-paragraph error, the password nowhere', () => {
    const bad = chplan(['sync', '--out', join(dir, 'cli-bad')], {
      PG_URL: `postgres://${source.connection.user}:Wr0ngSecret@${source.connection.host}:${source.connection.port}/postgres`,
    });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/refused the login/);
    expect(bad.stdout + bad.stderr).not.toContain('Wr0ngSecret');
    expect(existsSync(join(dir, 'cli-bad'))).toBe(false);
  });
});
