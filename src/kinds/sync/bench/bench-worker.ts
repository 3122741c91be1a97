// One measured copy of impressions rows (lo, hi] in a fresh process, which prints its wall time,
// the rows copied and its peak resident memory (with the embedded engine: the engine's too).
//   pull   DATA PLAN LO HI initial|incremental   the plan's load into staging + its publish (swap or merge)
//   client DATA LO HI                            a cursor through Node, inserted in batches of 10,000
//   floor  LO HI                                 PostgreSQL's COPY (…) TO '/dev/null'
// PostgreSQL comes from PG_URL. The engine is loaded only by the modes that use it, so the floor's
// memory is a PostgreSQL client's alone.
import Cursor from 'pg-cursor';
import pg from 'pg';
import { statementOf } from '../../../plan/plan-dir.js';
import { readSyncPlan } from '../plan/plan.js';
import { tableStep } from '../plan/sync-steps.js';
import { createCollection, dropCollection, parsePgUrl, pgParams } from '../../../engine/postgres.js';

const [mode, ...rest] = process.argv.slice(2) as [string, ...string[]];
const source = parsePgUrl(process.env.PG_URL!);
const COLUMNS = 'id, campaign_id, event_time, cost, inserted_at';
const WINDOW = 'inserted_at > $1::timestamptz AND inserted_at <= $2::timestamptz';
let rows = 0;
let seconds = 0;

if (mode === 'floor') {
  const [lo, hi] = rest as [string, string];
  const client = new pg.Client(source);
  await client.connect();
  const started = performance.now();
  // COPY takes no parameters: the bounds are checked timestamps, written in.
  if (![lo, hi].every((t) => /^[\d :.-]+$/.test(t))) throw new Error('bad bounds');
  const result = await client.query(
    `COPY (SELECT ${COLUMNS} FROM impressions WHERE inserted_at > '${lo}+00' AND inserted_at <= '${hi}+00') TO '/dev/null'`,
  );
  seconds = (performance.now() - started) / 1000;
  rows = result.rowCount ?? 0;
  await client.end();
} else if (mode === 'pull') {
  const [dataDir, planDir, lo, hi, phase] = rest as [string, string, string, string, string];
  const { connect } = await import('../../../engine/connect.js');
  const engine = await connect({ dataDir, queryTimeoutSec: 3600 });
  const plan = readSyncPlan(planDir);
  const collection = await createCollection(engine, plan.manifest.collection, source, plan.manifest.pgSchema);
  // Untimed: the target as the phase starts (empty, or holding the initial load).
  for (const type of ['drop_staging', 'create_staging'] as const)
    await engine.command(statementOf(plan, tableStep('impressions', type)));
  await engine.command('TRUNCATE TABLE analytics.fact_impressions');
  if (phase === 'incremental')
    await engine.command('INSERT INTO analytics.fact_impressions SELECT * FROM bench.initial_impressions');
  const before = Number(
    (await engine.rows<{ n: string }>('SELECT count() AS n FROM analytics.fact_impressions'))[0]!.n,
  );
  const started = performance.now();
  await engine.command(statementOf(plan, tableStep('impressions', 'load')), {
    params: { lo, hi, ...pgParams(collection, source) },
  });
  // As a sync publishes: a first load into the empty target is swapped in, a later one merged.
  await engine.command(statementOf(plan, tableStep('impressions', phase === 'initial' ? 'swap' : 'merge')));
  seconds = (performance.now() - started) / 1000;
  rows =
    Number((await engine.rows<{ n: string }>('SELECT count() AS n FROM analytics.fact_impressions'))[0]!.n) - before;
  if (phase === 'initial') {
    await engine.command('CREATE DATABASE IF NOT EXISTS bench');
    await engine.command('CREATE OR REPLACE TABLE bench.initial_impressions AS analytics.fact_impressions');
    await engine.command('INSERT INTO bench.initial_impressions SELECT * FROM analytics.fact_impressions');
  }
  await dropCollection(engine, collection);
  await engine.close();
} else if (mode === 'client') {
  const [dataDir, lo, hi] = rest as [string, string, string];
  const { connect } = await import('../../../engine/connect.js');
  const engine = await connect({ dataDir, queryTimeoutSec: 3600 });
  await engine.command('CREATE DATABASE IF NOT EXISTS bench');
  await engine.command('CREATE OR REPLACE TABLE bench.client_impressions AS analytics.fact_impressions');
  const client = new pg.Client(source);
  await client.connect();
  const started = performance.now();
  // What the seeds' ETL does: a server-side cursor, batches of 10,000 rows, each inserted into ClickHouse.
  const cursor = client.query(
    new Cursor(`SELECT ${COLUMNS} FROM impressions WHERE ${WINDOW}`, [`${lo}+00`, `${hi}+00`]),
  );
  for (;;) {
    const batch = await cursor.read(10_000);
    if (batch.length === 0) break;
    const body = batch
      .map((r: Record<string, unknown>) =>
        JSON.stringify({
          id: r.id,
          campaign_id: r.campaign_id,
          event_time: (r.event_time as Date).toISOString(),
          cost: r.cost,
          inserted_at: (r.inserted_at as Date).toISOString(),
        }),
      )
      .join('\n');
    await engine.command(
      `INSERT INTO bench.client_impressions SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n${body}`,
    );
    rows += batch.length;
  }
  seconds = (performance.now() - started) / 1000;
  await cursor.close();
  await client.end();
  await engine.close();
}
process.stdout.write(`${JSON.stringify({ rows, seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
