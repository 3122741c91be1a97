// One measured ingest of a Debezium dump in a fresh process, which prints the wall time, the
// messages taken and its peak resident memory (with the embedded engine: the engine's too).
//   floor  DATA DUMP        the same lines into a plain one-column MergeTree table (no parsing)
//   parse  DATA DUMP        one parse of each event message into typed rows in a MergeTree (no
//                           checks, versions, dead letters or log): with floor, the least a
//                           parsing chain must do
//   chain  DATA DUMP PLAN   chplan replay of the dump (staged, then a block per insert into the landing
//                           table), with the whole chain of views
//   client DATA DUMP        a consumer in Node: parse each message, keep the latest state per key,
//                           hourly aggregates in memory, rows inserted in batches of 10,000
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { connect } from '../../../engine/connect.js';
import { quoteString } from '../../../core/quote.js';
import { LANDING_BLOCK_ROWS } from '../plan/spec.js';
import { REPLAY_ENGINE, replayFile } from '../run/replay.js';

const [mode, dataDir, dump, planDir] = process.argv.slice(2) as [string, string, string, string];
// Every method on the engine as a replay tunes it, so that they differ only in what they do.
const engine = await connect({ dataDir, queryTimeoutSec: 3600, ...REPLAY_ENGINE });
let messages = 0;
let seconds = 0;
// chain: the part of its time spent staging the dump, which a Kafka table, handing over its polls directly, skips.
let stagingSeconds = 0;
const file = quoteString(dump);
// The floors' inserts: the landing's blocks and threads, squashed into parts as the engine does by default. The landing
// keeps each block whole for its views instead, which would slow a plain insert (8 parts, not 7).
const PLAIN_INSERT = `max_block_size = ${LANDING_BLOCK_ROWS}, max_insert_block_size = ${LANDING_BLOCK_ROWS}, max_threads = 2`;

if (mode === 'floor') {
  await engine.command('CREATE DATABASE IF NOT EXISTS bench');
  await engine.command('CREATE OR REPLACE TABLE bench.plain (line String) ENGINE = MergeTree ORDER BY tuple()');
  const started = performance.now();
  await engine.command(
    `INSERT INTO bench.plain SELECT line FROM file(${file}, 'LineAsString', 'line String') SETTINGS ${PLAIN_INSERT}`,
  );
  seconds = (performance.now() - started) / 1000;
  messages = Number((await engine.rows<{ n: string }>('SELECT count() AS n FROM bench.plain'))[0]!.n);
} else if (mode === 'parse') {
  await engine.command('CREATE DATABASE IF NOT EXISTS bench');
  await engine.command(
    "CREATE OR REPLACE TABLE bench.typed (id UInt64, user_id String, experiment_id UInt32, variant_id UInt32, event_type LowCardinality(String), event_time DateTime64(6, 'UTC'), properties String) ENGINE = MergeTree ORDER BY id",
  );
  const started = performance.now();
  await engine.command(`INSERT INTO bench.typed SELECT t.id, t.user_id, t.experiment_id, t.variant_id, t.event_type, parseDateTime64BestEffortOrZero(t.event_time, 6, 'UTC'), t.properties
    FROM (SELECT JSONExtract(line, 'payload', 'after', 'Tuple(id UInt64, user_id String, experiment_id UInt32, variant_id UInt32, event_type String, event_time String, properties String)') AS t FROM file(${file}, 'LineAsString', 'line String'))
    WHERE t.id != 0 SETTINGS ${PLAIN_INSERT}`);
  seconds = (performance.now() - started) / 1000;
  messages = Number((await engine.rows<{ n: string }>('SELECT count() AS n FROM bench.typed'))[0]!.n);
} else if (mode === 'chain') {
  const { readStreamPlan } = await import('../plan/plan.js');
  const { setupChain } = await import('../run/setup.js');
  const plan = readStreamPlan(planDir);
  const db = plan.manifest.spec.database;
  await engine.command(`DROP DATABASE IF EXISTS ${db} SYNC`);
  await setupChain(engine, plan, { kafka: false, dictionaries: null });
  const started = performance.now();
  // As chplan replay lands a dump: staged, then a block per insert.
  await replayFile(engine, plan, dump, {
    onProgress: (p) => {
      if (p.phase === 'staged') stagingSeconds = (performance.now() - started) / 1000;
    },
  });
  seconds = (performance.now() - started) / 1000;
  messages = Number(
    (await engine.rows<{ n: string }>(`SELECT count() AS n FROM ${db}.${plan.manifest.spec.name}_landing`))[0]!.n,
  );
} else if (mode === 'client') {
  await engine.command('CREATE DATABASE IF NOT EXISTS bench');
  await engine.command(
    "CREATE OR REPLACE TABLE bench.client_events (id UInt64, user_id String, experiment_id UInt32, variant_id UInt32, event_type LowCardinality(String), event_time DateTime64(6, 'UTC'), value Float64, version UInt64, deleted UInt8) ENGINE = ReplacingMergeTree(version, deleted) ORDER BY id",
  );
  await engine.command(
    "CREATE OR REPLACE TABLE bench.client_hourly (hour DateTime('UTC'), experiment_id UInt32, variant_id UInt32, events Int64, conversions Int64, value Float64) ENGINE = MergeTree ORDER BY (experiment_id, variant_id, hour)",
  );
  type Event = {
    id: number;
    user_id: string;
    experiment_id: number;
    variant_id: number;
    event_type: string;
    event_time: string;
    value: number;
    version: number;
  };
  const latest = new Map<number, Event>();
  const hourly = new Map<string, { events: number; conversions: number; value: number }>();
  const contribute = (e: Event, sign: number) => {
    const key = `${e.event_time.slice(0, 13)}|${e.experiment_id}|${e.variant_id}`;
    const h = hourly.get(key) ?? { events: 0, conversions: 0, value: 0 };
    h.events += sign;
    h.conversions += sign * (e.event_type === 'conversion' ? 1 : 0);
    h.value += sign * e.value;
    hourly.set(key, h);
  };
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await engine.command(
      `INSERT INTO bench.client_events SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n${batch.join('\n')}`,
    );
    batch = [];
  };
  const started = performance.now();
  for await (const line of createInterface({ input: createReadStream(dump), crlfDelay: Infinity })) {
    messages++;
    let message: {
      payload?: {
        op?: string;
        before?: Record<string, unknown>;
        after?: Record<string, unknown>;
        source?: { table?: string; lsn?: number };
      };
    };
    try {
      message = JSON.parse(line);
    } catch {
      continue; // a seed-style consumer logs and skips it
    }
    const p = message?.payload;
    if (!p || p.source?.table !== 'events' || typeof p.source.lsn !== 'number') continue;
    const row = p.op === 'd' ? p.before : p.after;
    // What a careful consumer checks before using a row (it logs and skips the others).
    if (
      !row ||
      typeof row.id !== 'number' ||
      typeof row.event_time !== 'string' ||
      typeof row.experiment_id !== 'number' ||
      typeof row.variant_id !== 'number'
    )
      continue;
    const version = p.source.lsn;
    const previous = latest.get(row.id);
    if (previous && previous.version >= version) continue; // a redelivery or an older version
    // An unchanged TOASTed properties keeps the row's earlier value, as the chain does.
    const unchanged = row.properties === '__debezium_unavailable_value';
    // A delete's before holds only the key and fallback values (REPLICA IDENTITY DEFAULT): nothing else is read.
    const props =
      typeof row.properties === 'string' && !unchanged && p.op !== 'd'
        ? (JSON.parse(row.properties) as { value?: number })
        : {};
    const event: Event = {
      id: row.id,
      user_id: String(row.user_id),
      experiment_id: Number(row.experiment_id),
      variant_id: Number(row.variant_id),
      event_type: String(row.event_type),
      event_time: String(row.event_time),
      value: unchanged ? (previous?.value ?? 0) : Number(props.value ?? 0),
      version,
    };
    if (previous && previous.event_type !== '') contribute(previous, -1);
    if (p.op === 'd') latest.set(row.id, { ...event, event_type: '' });
    else {
      latest.set(row.id, event);
      contribute(event, 1);
    }
    batch.push(JSON.stringify({ ...event, deleted: p.op === 'd' ? 1 : 0 }));
    if (batch.length >= 10_000) await flush();
  }
  await flush();
  const rows = [...hourly]
    .filter(([, h]) => h.events !== 0)
    .map(([k, h]) => {
      const [hour, experiment_id, variant_id] = k.split('|');
      return JSON.stringify({
        hour: `${hour}:00:00`,
        experiment_id: Number(experiment_id),
        variant_id: Number(variant_id),
        ...h,
      });
    });
  for (let i = 0; i < rows.length; i += 10_000)
    await engine.command(
      `INSERT INTO bench.client_hourly SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n${rows.slice(i, i + 10_000).join('\n')}`,
    );
  seconds = (performance.now() - started) / 1000;
}
await engine.close();
process.stdout.write(
  `${JSON.stringify({ messages, seconds, stagingSeconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
