import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { quoteString } from '../../src/core/quote.js';
import { loadStreamSpec } from '../../src/kinds/stream/plan/spec.js';
import { buildStreamPlan, readStreamPlan, type StreamPlan } from '../../src/kinds/stream/plan/plan.js';
import { writePlanDir } from '../../src/plan/plan-dir.js';
import { dropChain, setupChain } from '../../src/kinds/stream/run/setup.js';
import { replayFile, type ReplayProgress } from '../../src/kinds/stream/run/replay.js';
import { rebuildAggregates } from '../../src/kinds/stream/run/run.js';
import { daysWithData } from '../../src/kinds/stream/run/days.js';
import { streamStatus } from '../../src/kinds/stream/run/status.js';
import { daysBetween } from '../../src/core/windows.js';
import { validateStream } from '../../src/kinds/stream/validate/validate.js';
import { generateDump, preciseDecimal, type Row } from '../../src/kinds/stream/seed/debezium.js';
import { dictionaryChecks, seedReferenceTables } from '../../src/kinds/stream/seed/reference.js';
import { openTestEngine } from '../helpers/engine.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { faultyEngine, brokenDisk, connectionReset, memoryLimit } from '../helpers/faulty-engine.js';
import { readLedger } from '../../src/execute/ledger.js';
import type { RunEvent } from '../../src/execute/run-context.js';
import type { QueryOptions } from '../../src/engine/engine.js';
import { runCli } from '../helpers/cli.js';
import { clusterNode } from '../helpers/simulated-cluster.js';
import type { Shard } from '../../src/execute/shards.js';
import type { StreamSpec } from '../../src/kinds/stream/plan/spec.js';
import { routeKeyExpr } from '../../src/kinds/stream/plan/parse-sql.js';
import { runStreamOnShards } from '../../src/kinds/stream/run/shards.js';
import { validateStreamOnShards } from '../../src/kinds/stream/validate/shards.js';

const SPEC = loadStreamSpec('examples/experiments.json');
const DAYS = daysBetween('2026-09-15', '2026-10-20');

let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;
let plan: StreamPlan;
const state = { events: new Map<number, Row>(), assignments: new Map<number, Row>() };
let lsn = 900_000_000;
let tombstones = 0;

const ms = (iso: string) => Date.parse(iso);
const hourOf = (iso: string) =>
  new Date(Math.floor(ms(iso) / 3_600_000) * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
const dayOf = (iso: string) => iso.slice(0, 10);
const valueOf = (e: Row) => Number((JSON.parse(String(e.properties)) as { value?: number }).value ?? 0);
/** A NUMERIC(_, 2) as Debezium sends it (base64 of a big-endian two's complement), in cents; null as 0. */
const centsOf = (e: Row) => {
  if (e.revenue === null || e.revenue === undefined) return 0;
  const bytes = Buffer.from(String(e.revenue), 'base64');
  const unsigned = BigInt(`0x${bytes.toString('hex')}`);
  return Number(bytes[0]! >= 128 ? unsigned - (1n << BigInt(8 * bytes.length)) : unsigned);
};

/** Each user's first assignment to each experiment (`user|experiment` → ms), from the source rows. */
function firstAssignments(source: typeof state): Map<string, number> {
  const assigned = new Map<string, number>();
  for (const a of source.assignments.values()) {
    const k = `${String(a.user_id)}|${String(a.experiment_id)}`;
    assigned.set(k, Math.min(assigned.get(k) ?? Infinity, ms(String(a.assigned_at))));
  }
  return assigned;
}

/** The seed's aggregates, computed in JavaScript from the final state of the source rows. */
function expected(source = state) {
  const assigned = firstAssignments(source);
  const hourly = new Map<
    string,
    { events: number; exposures: number; conversions: number; valid: number; users: Set<string>; value: number }
  >();
  const user = new Map<string, { events: number; conversions: number; value: number; cents: number }>();
  for (const e of source.events.values()) {
    const h = `${hourOf(String(e.event_time))}|${String(e.experiment_id)}|${String(e.variant_id)}`;
    const row = hourly.get(h) ?? { events: 0, exposures: 0, conversions: 0, valid: 0, users: new Set(), value: 0 };
    row.events++;
    if (e.event_type === 'exposure') row.exposures++;
    if (e.event_type === 'conversion') row.conversions++;
    const at = assigned.get(`${String(e.user_id)}|${String(e.experiment_id)}`);
    if (at === undefined || ms(String(e.event_time)) >= at) row.valid++;
    row.users.add(String(e.user_id));
    row.value += valueOf(e);
    hourly.set(h, row);
    const u = `${dayOf(String(e.event_time))}|${String(e.experiment_id)}|${String(e.user_id)}`;
    const ur = user.get(u) ?? { events: 0, conversions: 0, value: 0, cents: 0 };
    ur.events++;
    if (e.event_type === 'conversion') ur.conversions++;
    ur.value += valueOf(e);
    ur.cents += centsOf(e);
    user.set(u, ur);
  }
  return { hourly, user };
}

/** The chain's aggregates in database `db` against the JavaScript recomputation from `source`. */
async function expectAggregatesExact(db = 'experiments_analytics', source = state): Promise<void> {
  const { hourly, user } = expected(source);
  const rows = await engine.rows<Record<string, string | number>>(
    `SELECT toString(hour) AS hour, experiment_id, variant_id, events, exposures, conversions, valid_events, users, value FROM ${db}.experiment_hourly_stats FINAL ORDER BY hour, experiment_id, variant_id`,
  );
  const got = new Map(rows.map((r) => [`${String(r.hour)}|${String(r.experiment_id)}|${String(r.variant_id)}`, r]));
  expect([...got.keys()].sort()).toEqual([...hourly.keys()].sort());
  for (const [k, e] of hourly) {
    const r = got.get(k)!;
    expect(
      [Number(r.events), Number(r.exposures), Number(r.conversions), Number(r.valid_events), Number(r.users)],
      k,
    ).toEqual([e.events, e.exposures, e.conversions, e.valid, e.users.size]);
    expect(Number(r.value)).toBeCloseTo(e.value, 6);
  }
  // Daily: the same numbers summed per day, straight from the JavaScript totals.
  const daily = await engine.rows<Record<string, string>>(
    `SELECT toString(day) AS day, toString(sum(events)) AS events, toString(sum(conversions)) AS conversions FROM ${db}.experiment_daily_stats GROUP BY day ORDER BY day`,
  );
  const byDay = new Map<string, { events: number; conversions: number }>();
  for (const [k, e] of hourly) {
    const d = byDay.get(k.slice(0, 10)) ?? { events: 0, conversions: 0 };
    d.events += e.events;
    d.conversions += e.conversions;
    byDay.set(k.slice(0, 10), d);
  }
  expect(daily.map((d) => [d.day, Number(d.events), Number(d.conversions)])).toEqual(
    [...byDay].sort().map(([d, v]) => [d, v.events, v.conversions]),
  );
  const users = await engine.rows<Record<string, string>>(
    `SELECT concat(toString(day), '|', toString(experiment_id), '|', user_id) AS k, toString(events) AS events, toString(conversions) AS conversions, value, toString(revenue * 100) AS cents FROM ${db}.user_experiment_stats`,
  );
  expect(users.length).toBe(user.size);
  for (const u of users) {
    const e = user.get(String(u.k))!;
    expect([Number(u.events), Number(u.conversions), Number(u.cents)], u.k).toEqual([e.events, e.conversions, e.cents]);
    expect(Number(u.value)).toBeCloseTo(e.value, 6);
  }
}

/**
 * The assignments' live state, and the views `events_with_validity` and `user_journey_analysis`, against the same
 * computed in JavaScript from `source`.
 */
async function expectOtherTablesExact(db: string, source: typeof state): Promise<void> {
  const at = (iso: unknown) => String(iso).replace('T', ' ').replace('Z', '');
  const assignments = await engine.rows<{ id: string }>(
    `SELECT toString(id) AS id, user_id, toString(experiment_id) AS experiment, toString(variant_id) AS variant, toString(assigned_at) AS at FROM ${db}.assignments_processed_live`,
  );
  expect(assignments.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(
    [...source.assignments.values()]
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((a) => ({
        id: String(a.id),
        user_id: String(a.user_id),
        experiment: String(a.experiment_id),
        variant: String(a.variant_id),
        at: at(a.assigned_at),
      })),
  );
  const firstAssigned = firstAssignments(source);
  const validity = await engine.rows<{ id: string; is_valid: boolean }>(
    `SELECT toString(id) AS id, is_valid FROM ${db}.events_with_validity`,
  );
  expect(validity.length).toBe(source.events.size);
  for (const v of validity) {
    const e = source.events.get(Number(v.id))!;
    const assigned = firstAssigned.get(`${String(e.user_id)}|${String(e.experiment_id)}`);
    expect(Boolean(v.is_valid), v.id).toBe(assigned === undefined || ms(String(e.event_time)) >= assigned);
  }
  const journeys = new Map<
    string,
    { events: number; exposed: boolean; converted: boolean; first: string; last: string }
  >();
  for (const e of source.events.values()) {
    const k = `${String(e.experiment_id)}|${String(e.user_id)}`;
    const t = at(e.event_time);
    const j = journeys.get(k) ?? { events: 0, exposed: false, converted: false, first: t, last: t };
    j.events++;
    j.exposed ||= e.event_type === 'exposure';
    j.converted ||= e.event_type === 'conversion';
    if (t < j.first) j.first = t;
    if (t > j.last) j.last = t;
    journeys.set(k, j);
  }
  const got = await engine.rows<Record<string, string | boolean>>(
    `SELECT concat(toString(experiment_id), '|', user_id) AS k, toString(events) AS events, exposed, converted, toString(first_seen) AS first, toString(last_seen) AS last FROM ${db}.user_journey_analysis`,
  );
  expect(got.length).toBe(journeys.size);
  for (const g of got) {
    const j = journeys.get(String(g.k))!;
    expect([Number(g.events), Boolean(g.exposed), Boolean(g.converted), g.first, g.last], String(g.k)).toEqual([
      j.events,
      j.exposed,
      j.converted,
      j.first,
      j.last,
    ]);
  }
}

/** A Debezium change message, as the connector writes it (schemas enabled). */
function message(
  table: 'events' | 'assignments',
  op: 'c' | 'u' | 'd' | 'r',
  before: Row | null,
  after: Row | null,
  version = ++lsn,
): string {
  return JSON.stringify({ schema: {}, payload: { before, after, op, ts_ms: 1, source: { table, lsn: version } } });
}

function replayLines(lines: string[]): Promise<number> {
  const file = join(dir, `dump-${lsn}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return replayFile(engine, plan, file);
}

/** Deletes every event of `day` through the chain, and from the source state. */
async function deleteEventsOf(day: string): Promise<void> {
  const doomed = [...state.events.values()].filter((e) => dayOf(String(e.event_time)) === day);
  expect(doomed.length).toBeGreaterThan(0);
  await replayLines(doomed.map((e) => message('events', 'd', e, null)));
  for (const e of doomed) state.events.delete(Number(e.id));
}

/** Rows the hourly aggregate holds for `day`. */
async function hourlyRowsOf(day: string): Promise<string> {
  const [{ n }] = (await engine.rows<{ n: string }>(
    `SELECT toString(count()) AS n FROM experiments_analytics.experiment_hourly_stats WHERE toDate(hour) = '${day}'`,
  )) as [{ n: string }];
  return n;
}

/** A chain of its own from the demo's spec as `edit` changes it, set up on the test engine. */
async function chainOf(
  name: string,
  edit: (raw: Record<string, unknown>) => Record<string, unknown>,
): Promise<StreamPlan> {
  const raw = JSON.parse(readFileSync('examples/experiments.json', 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ ...edit(raw), name, database: name }));
  writePlanDir(
    join(dir, name),
    buildStreamPlan(loadStreamSpec(join(dir, `${name}.json`)), { toolVersion: TOOL_VERSION }).files,
  );
  const chain = readStreamPlan(join(dir, name));
  await setupChain(engine, chain, { kafka: false, dictionaries: null });
  return chain;
}

/** A chain of the demo's events alone, whose events_processed also reads `columns` (each optional). */
function eventsChainWith(name: string, columns: Record<string, unknown>[]): Promise<StreamPlan> {
  return chainOf(name, (raw) => {
    const tables = raw.tables as { name: string; columns: Record<string, unknown>[] }[];
    tables.find((t) => t.name === 'events_processed')!.columns.push(...columns.map((c) => ({ ...c, optional: true })));
    return { ...raw, dictionaries: [], views: [], aggregates: [] };
  });
}

/** An event row of the demo's events table with `id`, other fields as `fields` says. */
const eventRow = (id: number, fields: Record<string, unknown> = {}): Row => ({
  id,
  user_id: 'u',
  experiment_id: 1,
  variant_id: 2,
  event_type: 'click',
  event_time: '2026-10-01T10:00:00Z',
  properties: '{}',
  ...fields,
});

/** JSON with each bigint written as a plain number, as the connector writes an int64. */
const jsonWithBigints = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `@@${v}@@` : v)).replace(/"@@(-?\d+)@@"/g, '$1');

/**
 * A change of event `id` carrying `value` in `field`, with the JSON converter's schema declaring that field as
 * `declared` says (its type, logical type name, parameters).
 */
const eventWithSchema = (
  id: number,
  op: 'c' | 'u',
  lsn: number,
  field: string,
  value: unknown,
  declared: Record<string, unknown>,
): string => {
  const after = {
    type: 'struct',
    field: 'after',
    fields: [
      { type: 'int64', field: 'id' },
      { ...declared, optional: true, field },
    ],
  };
  return jsonWithBigints({
    schema: { type: 'struct', fields: [{ ...after, field: 'before' }, after] },
    payload: { op, before: null, after: eventRow(id, { [field]: value }), source: { table: 'events', lsn } },
  });
};

/**
 * Replays a create of one event per case of chain `name` (the good cases, then the bad, ids from 1), each with its
 * fields, wrapped as `envelope` says (the converter's schemas on, by default); then every good case's columns must read
 * as it expects, and every bad case, none of which is stored, must be dead-lettered for its reason.
 */
async function expectEachCase(
  name: string,
  chain: StreamPlan,
  columns: { name: string }[],
  good: [fields: Record<string, unknown>, expected: Record<string, string>][],
  bad: [fields: Record<string, unknown>, reason: RegExp][],
  envelope: (change: Record<string, unknown>) => unknown = (change) => ({ schema: {}, payload: change }),
): Promise<void> {
  const lines = [...good, ...bad].map(([fields], i) =>
    jsonWithBigints(
      envelope({ op: 'c', before: null, after: eventRow(i + 1, fields), source: { table: 'events', lsn: 100 + i } }),
    ),
  );
  writeFileSync(join(dir, `${name}.jsonl`), `${lines.join('\n')}\n`);
  await replayFile(engine, chain, join(dir, `${name}.jsonl`));
  const rows = await processedEvents(name, columns);
  expect(rows.map((r) => r.id)).toEqual(good.map((_, i) => String(i + 1)));
  good.forEach(([, expected], i) => {
    for (const [column, value] of Object.entries(expected)) expect(rows[i]![column], column).toBe(value);
  });
  expect(await deadLetterReasons(name)).toEqual(bad.map(([, reason]) => expect.stringMatching(reason)));
}

/** Each processed event of chain `name` by id, with `columns` as text. */
const processedEvents = (name: string, columns: { name: string }[]) =>
  engine.rows<Record<string, string>>(
    `SELECT toString(id) AS id, ${columns.map((c) => `toString(${c.name}) AS ${c.name}`).join(', ')} FROM ${name}.events_processed FINAL ORDER BY events_processed.id`,
  );

/** The reasons of chain `name`'s dead letters, in the order of their rows' ids. */
const deadLetterReasons = async (name: string) =>
  (
    await engine.rows<{ reason: string }>(
      `SELECT reason FROM ${name}.${name}_dead_letter ORDER BY JSONExtract(line, 'payload', 'after', 'id', 'UInt64')`,
    )
  ).map((r) => r.reason);

beforeAll(async () => {
  ({ engine, dir, cleanup } = await openTestEngine());
  writePlanDir(join(dir, 'experiments'), buildStreamPlan(SPEC, { toolVersion: TOOL_VERSION }).files);
  plan = readStreamPlan(join(dir, 'experiments'));
  await setupChain(engine, plan, { kafka: false, dictionaries: null });
  // Unmerged versions must not matter: keep every duplicate and old version in its own part.
  for (const table of SPEC.tables) await engine.command(`SYSTEM STOP MERGES experiments_analytics.${table.name}`);
});

afterAll(async () => {
  await cleanup?.();
});

describe('stream: Debezium → landing → processed → aggregates', () => {
  it('compiles the committed demo plan byte for byte', () => {
    const files = buildStreamPlan(SPEC, { toolVersion: TOOL_VERSION }).files;
    const committed = readdirSync('generated-sql/experiments', { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => relative('generated-sql/experiments', join(f.parentPath, f.name)));
    expect(files.map((f) => f.name).sort()).toEqual(committed.filter((f) => f !== 'APPROVAL.json').sort());
    for (const file of files)
      expect(file.content, file.name).toBe(readFileSync(join('generated-sql/experiments', file.name), 'utf8'));
  });

  it('c/u/d/r with redeliveries in any order: processed tables hold the final state, aggregates equal a JavaScript recomputation', async () => {
    const lines: string[] = [];
    const dump = generateDump(
      {
        events: 4000,
        users: 250,
        experiments: 3,
        seed: 11,
        duplicates: 0.1,
        badOfEachKind: 2,
        keepState: true,
        wrapper: 'payload',
      },
      (l) => lines.push(l),
    );
    state.events = dump.state.events;
    state.assignments = dump.state.assignments;
    tombstones = dump.tombstones;
    // Delivery order across keys is arbitrary, and a key's versions may even arrive out of order.
    const shuffled = [...lines];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    // In several deliveries, so that versions of a key sit in different parts (merges are stopped).
    let landed = 0;
    for (let i = 0; i < 7; i++) landed += await replayLines(shuffled.filter((_, j) => j % 7 === i));
    expect(landed).toBe(dump.messages);
    const processed = await engine.rows<{ id: string; event_type: string; t: string; value: number }>(
      'SELECT toString(id) AS id, event_type, toString(event_time) AS t, value FROM experiments_analytics.events_processed FINAL ORDER BY id',
    );
    expect(processed.length).toBe(state.events.size);
    for (const p of processed.filter((_, i) => i % 97 === 0)) {
      const e = state.events.get(Number(p.id))!;
      expect([p.event_type, p.t, p.value]).toEqual([
        e.event_type,
        String(e.event_time).replace('T', ' ').replace('Z', ''),
        valueOf(e),
      ]);
    }
    await rebuildAggregates(engine, plan, { days: DAYS });
    await expectAggregatesExact();
    // The seed's per-event is_valid (no event before the user's assignment), the assignments and the journeys.
    await expectOtherTablesExact('experiments_analytics', state);
    const report = await validateStream(engine, plan, DAYS);
    expect(report.days.flatMap((d) => d.checks).filter((c) => c.status === 'fail')).toEqual([]);
  });

  it('every bad message lands in the dead-letter table with its reason, and nothing else stops', async () => {
    const reasons = await engine.rows<{ reason: string; n: string }>(
      'SELECT reason, toString(count()) AS n FROM experiments_analytics.experiments_dead_letter GROUP BY reason ORDER BY reason',
    );
    const byPrefix = (prefix: string) =>
      reasons.filter((r) => r.reason.startsWith(prefix)).reduce((n, r) => n + Number(r.n), 0);
    expect(byPrefix('malformed JSON')).toBe(2);
    expect(byPrefix('tombstone')).toBe(0);
    expect(byPrefix('unknown table "sessions"')).toBe(2);
    expect(byPrefix('missing field event_time')).toBe(2);
    expect(byPrefix('type: experiment_id is not UInt32: "seven"')).toBe(2);
    expect(byPrefix('unknown op "x"')).toBe(2);
    const [acc] = await engine.rows<Record<string, string>>(
      "SELECT toString((SELECT count() FROM experiments_analytics.experiments_landing)) AS landed, toString((SELECT count() FROM experiments_analytics.experiments_parsed_log)) AS parsed, toString((SELECT count() FROM experiments_analytics.experiments_dead_letter)) AS dead, toString((SELECT count() FROM experiments_analytics.experiments_landing WHERE line = '')) AS tombstones",
    );
    // Tombstones (one after each delete) are skipped, not dead-lettered, and counted.
    expect(Number(acc!.tombstones)).toBe(tombstones);
    expect(Number(acc!.tombstones)).toBeGreaterThan(0);
    expect(Number(acc!.landed)).toBe(Number(acc!.parsed) + Number(acc!.dead) + Number(acc!.tombstones));
    const report = await validateStream(engine, plan, []);
    expect(report.days[0]!.checks.find((c) => c.name === 'events_processed: deletes of keys never seen')).toMatchObject(
      { status: 'warn', detail: expect.stringMatching(/^1 keys/) },
    );
  });

  it('later changes reach the processed tables at once; validation shows the aggregates stale until the days are rebuilt', async () => {
    const [moved, removed, typed] = [...state.events.values()].slice(10, 13) as [Row, Row, Row];
    const movedAfter = { ...moved, event_time: '2026-10-09T23:59:59.999999Z', event_type: 'conversion' };
    const typedAfter = { ...typed, event_type: 'conversion', properties: JSON.stringify({ value: 5 }) };
    const lines = [
      message('events', 'u', moved, movedAfter),
      message('events', 'd', removed, null),
      message('events', 'u', typed, typedAfter),
    ];
    await replayLines([...lines, ...lines, lines[0]!]); // redelivered twice
    state.events.set(Number(moved.id), movedAfter);
    state.events.delete(Number(removed.id));
    state.events.set(Number(typed.id), typedAfter);
    const [{ n }] = (await engine.rows<{ n: string }>(
      'SELECT toString(count()) AS n FROM experiments_analytics.events_processed FINAL',
    )) as [{ n: string }];
    expect(Number(n)).toBe(state.events.size);
    const stale = await validateStream(engine, plan, DAYS);
    expect(
      stale.days
        .flatMap((d) => d.checks)
        .some((c) => c.status === 'fail' && c.name.startsWith('experiment_hourly_stats')),
    ).toBe(true);
    await rebuildAggregates(engine, plan, { days: DAYS });
    await expectAggregatesExact();
  });

  it('a day whose events were all deleted is dropped from every aggregate on rebuild', async () => {
    const day = '2026-10-09';
    await deleteEventsOf(day);
    await rebuildAggregates(engine, plan, { days: [day] });
    expect(await hourlyRowsOf(day)).toBe('0');
    await expectAggregatesExact();
    // Rebuilt again, the day is empty and the aggregates hold none of it: each unit ends with a publish of nothing
    // (a day is loaded before it is known to be empty), so none shows as pending and --resume skips them.
    const again = await rebuildAggregates(engine, plan, { days: [day] });
    expect(again.map((u) => u.status)).toEqual(['empty', 'empty', 'empty']);
    const units = (await streamStatus(engine, plan)).flatMap((a) => a.days.filter((d) => d.day === day));
    expect(units.map((u) => [u.pending, u.lastPublish?.rows])).toEqual([
      [false, 0],
      [false, 0],
      [false, 0],
    ]);
    expect((await rebuildAggregates(engine, plan, { days: [day], resume: true })).map((u) => u.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
  });

  it('a unit of several days drops a day its recomputation emptied, and splits between its days, never inside one, when out of memory', async () => {
    const day = '2026-10-08';
    await deleteEventsOf(day);
    const days = ['2026-10-06', '2026-10-07', day];
    const events: RunEvent[] = [];
    // Each aggregate's first load of the three days runs out of memory: loaded as 10-06..10-07, then 10-08.
    const spanInsert = (sql: string, options: QueryOptions) =>
      /INSERT INTO[^(]*__staging/.test(sql) &&
      options.params?.chunk_start === '2026-10-06 00:00:00.000' &&
      options.params.chunk_end === '2026-10-09 00:00:00.000';
    const starved = faultyEngine(engine, [{ match: spanInsert, error: memoryLimit, times: 3 }]);
    const units = await rebuildAggregates(starved, plan, { days, onEvent: (e) => events.push(e) });
    expect(starved.injected).toBe(3);
    expect(units.map((u) => [u.unit, u.status])).toEqual(
      ['experiment_hourly_stats', 'user_experiment_stats', 'experiment_daily_stats'].map((a) => [
        `aggregate ${a}, 2026-10-06..2026-10-08`,
        'published',
      ]),
    );
    const splits = events.flatMap((e) => (e.type === 'chunk_split' ? [e.into.map((w) => [w.start, w.end])] : []));
    expect(splits).toEqual(
      Array(3).fill([
        ['2026-10-06 00:00:00.000', '2026-10-08 00:00:00.000'],
        ['2026-10-08 00:00:00.000', '2026-10-09 00:00:00.000'],
      ]),
    );
    expect(await hourlyRowsOf(day)).toBe('0');
    await expectAggregatesExact();
    const publishes = (await readLedger(engine, plan.manifest.ledger.table, plan.manifest.ledger.scope)).filter(
      (r) => r.step === 'publish' && r.unit === `experiment_hourly_stats/2026-10-06..${day}`,
    );
    expect(publishes.at(-1)!.note).toMatch(
      /^emptied by the recomputation, so dropped: experiment_hourly_stats 2026-10-08 \(\d+ rows\)$/,
    );

    // One day is the smallest unit: a daily aggregate over part of a day would count part of it. Out of memory, it
    // is tried again whole, not halved.
    events.length = 0;
    const oneDay = (sql: string, options: QueryOptions) =>
      /INSERT INTO[^(]*__staging/.test(sql) && options.params?.chunk_start === '2026-10-07 00:00:00.000';
    const again = faultyEngine(engine, [{ match: oneDay, error: memoryLimit, times: 1 }]);
    await rebuildAggregates(again, plan, { days: ['2026-10-07'], onEvent: (e) => events.push(e) });
    expect(again.injected).toBe(1);
    expect(events.filter((e) => e.type === 'chunk_split')).toEqual([]);
    await expectAggregatesExact();
  });

  it('a rebuild stopped at any step leaves the aggregate as it was and the next run makes it exact', async () => {
    const [target] = [...state.events.values()].filter((e) => dayOf(String(e.event_time)) === '2026-10-03') as [Row];
    const after = { ...target, event_type: 'exposure', properties: JSON.stringify({ value: 1.25 }) };
    await replayLines([message('events', 'u', target, after)]);
    state.events.set(Number(target.id), after);
    const statements = {
      insert: /INSERT INTO[^(]*__staging/,
      publish: /REPLACE PARTITION/,
      clear: /DROP PARTITION/,
      ledger: /INSERT INTO\s+`experiments_analytics`.`chplan_ledger`/,
    };
    for (const [name, pattern] of Object.entries(statements)) {
      const broken = faultyEngine(engine, [{ match: (sql) => pattern.test(sql), error: brokenDisk, times: 1 }]);
      await expect(rebuildAggregates(broken, plan, { days: ['2026-10-03'] }), name).rejects.toThrow();
      expect(broken.injected, name).toBe(1);
      await rebuildAggregates(engine, plan, { days: ['2026-10-03'] });
      await expectAggregatesExact();
    }
  });

  it('--resume skips a rebuilt day only while no message has landed since: a day a later replay changed is rebuilt', async () => {
    const days = ['2026-10-04', '2026-10-05'];
    const statuses = (units: { status: string }[]) => [...new Set(units.map((u) => u.status))];
    await rebuildAggregates(engine, plan, { days });
    expect(statuses(await rebuildAggregates(engine, plan, { days, resume: true }))).toEqual(['skipped']);
    const [target] = [...state.events.values()].filter((e) => dayOf(String(e.event_time)) === '2026-10-04') as [Row];
    const after = { ...target, event_type: 'conversion', properties: JSON.stringify({ value: 9.5 }) };
    await replayLines([message('events', 'u', target, after)]);
    state.events.set(Number(target.id), after);
    expect(statuses(await rebuildAggregates(engine, plan, { days, resume: true }))).toEqual(['published']);
    await expectAggregatesExact();
    expect(statuses(await rebuildAggregates(engine, plan, { days, resume: true }))).toEqual(['skipped']);
  });

  it('creates the Kafka table, its views and their dead-letter path on the embedded engine (no broker needed)', async () => {
    await setupChain(engine, plan, { kafka: true, dictionaries: null, env: {} });
    const tables = await engine.rows<{ name: string; engine: string }>(
      "SELECT name, engine FROM system.tables WHERE database = 'experiments_analytics' AND name LIKE 'experiments_kafka%' ORDER BY name",
    );
    expect(tables).toEqual([
      { name: 'experiments_kafka', engine: 'Kafka' },
      { name: 'experiments_kafka_errors_mv', engine: 'MaterializedView' },
      { name: 'experiments_kafka_mv', engine: 'MaterializedView' },
    ]);
    await engine.command('DROP TABLE experiments_analytics.experiments_kafka_mv');
    await engine.command('DROP TABLE experiments_analytics.experiments_kafka_errors_mv');
    await engine.command('DROP TABLE experiments_analytics.experiments_kafka');
  });

  it('refuses to set up over a chain built from another definition, naming each object, and changes nothing', async () => {
    const raw = JSON.parse(readFileSync('examples/experiments.json', 'utf8')) as {
      tables: { name: string; columns: { name: string; type: string }[] }[];
    };
    for (const column of raw.tables.find((t) => t.name === 'events_processed')!.columns)
      if (column.name === 'device') column.type = 'LowCardinality(String)';
    writeFileSync(join(dir, 'changed.json'), JSON.stringify(raw));
    writePlanDir(
      join(dir, 'changed'),
      buildStreamPlan(loadStreamSpec(join(dir, 'changed.json')), { toolVersion: TOOL_VERSION }).files,
    );
    const changed = readStreamPlan(join(dir, 'changed'));
    const objects = () =>
      engine.rows(
        "SELECT name, comment, toString(uuid) AS uuid FROM system.tables WHERE database = 'experiments_analytics' ORDER BY name",
      );
    const before = await objects();
    const refusal = setupChain(engine, changed, { kafka: false, dictionaries: null });
    await expect(refusal).rejects.toThrow(
      /^The chain in ClickHouse was built from another definition than this plan's: .*experiments_analytics\.events_processed \(\d\d_events_processed\.sql; its comment: "chplan definition [0-9a-f]{16}"\).* Nothing was created or changed\./,
    );
    await expect(refusal).rejects.not.toThrow(/assignments_processed/);
    expect(await objects()).toEqual(before);
    // The plan the chain was built from sets up again without complaint.
    await setupChain(engine, plan, { kafka: false, dictionaries: null });
  });
});

describe('what a default Debezium deployment sends', () => {
  it('a delete under REPLICA IDENTITY DEFAULT (the key, and fallback values for the other NOT NULL columns) applies, whatever their types', async () => {
    const raw = JSON.parse(readFileSync('examples/experiments.json', 'utf8')) as {
      tables: { name: string; columns: { name: string; type: string }[] }[];
      views: unknown[];
      aggregates: unknown[];
    };
    for (const table of raw.tables)
      for (const column of table.columns) if (column.name === 'user_id') column.type = 'UUID';
    writeFileSync(
      join(dir, 'uuid.json'),
      JSON.stringify({ ...raw, name: 'uuids', database: 'uuids', dictionaries: [], views: [], aggregates: [] }),
    );
    writePlanDir(
      join(dir, 'uuids'),
      buildStreamPlan(loadStreamSpec(join(dir, 'uuid.json')), { toolVersion: TOOL_VERSION }).files,
    );
    const chain = readStreamPlan(join(dir, 'uuids'));
    await setupChain(engine, chain, { kafka: false, dictionaries: null });
    const user = '0b7e5a8e-5b3c-4e1f-9a55-3c2d1e0f9a77';
    const event = {
      id: 7,
      user_id: user,
      experiment_id: 1,
      variant_id: 2,
      event_type: 'exposure',
      event_time: '2026-10-01T10:00:00.123456Z',
      properties: '{"page":"/a","value":1.5}',
    };
    const assignment = { id: 9, experiment_id: 1, variant_id: 2, user_id: user, assigned_at: '2026-10-01T09:00:00Z' };
    // What Debezium puts in `before` for a NOT NULL column it does not have under REPLICA IDENTITY DEFAULT.
    const fallback = {
      user_id: '',
      experiment_id: 0,
      variant_id: 0,
      event_type: '',
      event_time: '1970-01-01T00:00:00Z',
      properties: '',
      assigned_at: '1970-01-01T00:00:00Z',
    };
    const replay = async (name: string, lines: string[]) => {
      writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
      return replayFile(engine, chain, join(dir, name));
    };
    const live = (table: string) => engine.rows<{ id: string }>(`SELECT toString(id) AS id FROM uuids.${table} FINAL`);
    expect(
      await replay('uuid-created.jsonl', [
        message('events', 'c', null, event),
        message('assignments', 'c', null, assignment),
      ]),
    ).toBe(2);
    expect([await live('events_processed'), await live('assignments_processed')]).toEqual([
      [{ id: '7' }],
      [{ id: '9' }],
    ]);
    expect(
      await replay('uuid-deleted.jsonl', [
        message('events', 'd', { ...fallback, id: 7 }, null),
        message('assignments', 'd', { ...fallback, id: 9 }, null),
      ]),
    ).toBe(2);
    expect(await engine.rows('SELECT reason FROM uuids.uuids_dead_letter')).toEqual([]);
    expect([await live('events_processed'), await live('assignments_processed')]).toEqual([[], []]);
    const applied = async () =>
      (await validateStream(engine, chain, [])).days[0]!.checks.find(
        (c) => c.name === 'messages: updates, deletes and truncates applied',
      )!;
    expect(await applied()).toMatchObject({ status: 'pass' });
    // An array where the envelope belongs is not read positionally as one.
    await replay('uuid-array.jsonl', [JSON.stringify(['u', null, { ...event, id: 9 }])]);
    expect(await engine.rows('SELECT reason FROM uuids.uuids_dead_letter ORDER BY received_at, reason')).toEqual([
      { reason: 'not a JSON object (an array or a value where the envelope belongs)' },
    ]);
    expect(await applied()).toMatchObject({ status: 'pass' });
    // JSON's whitespace before the envelope (a tab, a carriage return, spaces) leaves it an object, and a change.
    expect(await replay('uuid-spaced.jsonl', [`\t\r ${message('events', 'c', null, { ...event, id: 11 })}`])).toBe(1);
    expect(await live('events_processed')).toEqual([{ id: '11' }]);
    expect(await engine.rows('SELECT count() AS n FROM uuids.uuids_dead_letter')).toEqual([{ n: '1' }]);
    await engine.command('TRUNCATE TABLE uuids.uuids_dead_letter');
    // A change (not a delete) whose user_id is not a UUID is still dead-lettered.
    writeFileSync(join(dir, 'uuid-bad.jsonl'), `${message('events', 'u', null, { ...event, user_id: '' })}\n`);
    await replayFile(engine, chain, join(dir, 'uuid-bad.jsonl'));
    expect(await engine.rows('SELECT reason FROM uuids.uuids_dead_letter')).toEqual([
      { reason: expect.stringMatching(/^type: user_id is not UUID/) },
    ]);
  });
});

describe('versions', () => {
  it("with version ts_ms, source.ts_ms orders a key's changes and source.lsn breaks ties; the connector's own ts_ms never does", async () => {
    const chain = await chainOf('by_time', (raw) => ({
      ...raw,
      envelope: { wrapper: 'payload', version: 'ts_ms' },
      dictionaries: [],
      views: [],
      aggregates: [],
    }));
    const change = (id: number, type: string, sourceMs: unknown, lsn: unknown, connectorMs: number) =>
      JSON.stringify({
        schema: {},
        payload: {
          op: 'u',
          before: null,
          after: eventRow(id, { event_type: type }),
          ts_ms: connectorMs,
          source: { table: 'events', lsn, ts_ms: sourceMs },
        },
      });
    const lines = [
      // Key 1: the same millisecond, so the greater LSN is the later change, whatever the connector's clock says.
      change(1, 'click', 1_000, 20, 9_000),
      change(1, 'exposure', 1_000, 10, 9_999),
      // Key 2: a later change with a smaller LSN (a restored or failed-over server): the later ts_ms wins.
      change(2, 'conversion', 2_000, 5, 1),
      change(2, 'exposure', 1_500, 500, 9_999),
      // A version that is no whole number orders nothing: read as a number, 1.5 and true were 1.
      change(3, 'click', 3_000, 1.5, 1),
      change(4, 'click', true, 7, 1),
    ];
    writeFileSync(join(dir, 'by-time.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'by-time.jsonl'));
    expect(
      await engine.rows(
        'SELECT toString(id) AS id, event_type FROM by_time.events_processed FINAL ORDER BY events_processed.id',
      ),
    ).toEqual([
      { id: '1', event_type: 'click' },
      { id: '2', event_type: 'conversion' },
    ]);
    expect(await deadLetterReasons('by_time')).toEqual([
      'missing field source.ts_ms or source.lsn (or not a whole number)',
      'missing field source.ts_ms or source.lsn (or not a whole number)',
    ]);
    // Validation sees them: an update that was not applied leaves its row as it was.
    const report = await validateStream(engine, chain, []);
    expect(report.days.flatMap((d) => d.checks).filter((c) => c.status === 'fail')).toEqual([
      expect.objectContaining({ detail: expect.stringMatching(/^2 updates of events dead-lettered/) }),
    ]);
  });
});

describe('replay', () => {
  it("a replay stages in a table of its own and drops it, whether it lands or fails; it drops what killed replays and earlier set-ups left, leaves another replay's table alone, and counts only its own lines", async () => {
    const chain = await chainOf('twice', (raw) => ({ ...raw, dictionaries: [], views: [], aggregates: [] }));
    const file = join(dir, 'twice.jsonl');
    const lines = Array.from({ length: 1000 }, (_, i) => message('events', 'c', null, eventRow(i + 1), i + 1));
    writeFileSync(file, `${lines.join('\n')}\n`);
    // What a replay killed midway leaves: its staging table, lines staged and not landed. Beside it, a table of the
    // user's whose name only starts like a replay's, and the staging table an earlier chplan's set-up shared.
    for (const name of ['twice_replay_0123456789ab', 'twice_replay_notes']) {
      await engine.command(`CREATE TABLE twice.${name} (seq UInt64, line String) ENGINE = MergeTree ORDER BY seq`);
      await engine.command(`INSERT INTO twice.${name} SELECT number, 'staged' FROM numbers(500)`);
    }
    await engine.command(
      "CREATE TABLE twice.twice_replay (replay_id String, seq UInt64, line String) ENGINE = MergeTree ORDER BY (replay_id, seq) COMMENT 'chplan definition 1b2fda876c7c7fed'",
    );
    const replayTables = async () =>
      (
        await engine.rows<{ name: string }>(
          "SELECT name FROM system.tables WHERE database = 'twice' AND name LIKE 'twice\\_replay%' ORDER BY name",
        )
      ).map((t) => t.name);
    // Another replay of this process runs while the first is midway (staged, nothing landed yet): it must not take
    // the first one's table for a leftover.
    let inner: Promise<number> | undefined;
    const midway: Engine = {
      can: engine.can,
      description: engine.description,
      flags: engine.flags,
      rows: (sql, options) => engine.rows(sql, options),
      close: async () => {},
      command: async (sql, options) => {
        if (!inner && /^INSERT INTO\s+`twice`\.`twice_landing`/m.test(sql))
          await (inner = replayFile(engine, chain, file));
        return engine.command(sql, options);
      },
    };
    const progress: ReplayProgress[] = [];
    // Each replay counts its own lines, not what the landing table gained while it ran (both replays' lines).
    expect(await replayFile(midway, chain, file, { onProgress: (p) => progress.push(p) })).toBe(1000);
    expect(await inner).toBe(1000);
    expect(await engine.rows('SELECT count() AS n FROM twice.twice_landing')).toEqual([{ n: '2000' }]);
    expect(progress[0]).toEqual({ phase: 'cleared', tables: ['twice_replay', 'twice_replay_0123456789ab'] });
    expect(await replayTables()).toEqual(['twice_replay_notes']);
    expect(await engine.rows('SELECT count() AS n FROM twice.twice_replay_notes')).toEqual([{ n: '500' }]);
    expect(await engine.rows('SELECT count() AS n FROM twice.events_processed FINAL')).toEqual([{ n: '1000' }]);
    // A replay whose connection is lost after it staged its lines drops its table too, and reports the loss.
    const lost = faultyEngine(engine, [
      { match: (sql) => /^INSERT INTO\s+`twice`\.`twice_landing`/m.test(sql), error: connectionReset, times: 1 },
    ]);
    await expect(replayFile(lost, chain, file)).rejects.toThrow(/socket hang up/);
    expect(lost.injected).toBe(1);
    expect(await replayTables()).toEqual(['twice_replay_notes']);
  });

  it('a dump of large messages lands in blocks bounded in bytes as well as lines', async () => {
    const chain = await chainOf('sized', (raw) => ({ ...raw, dictionaries: [], views: [], aggregates: [] }));
    const file = join(dir, 'sized.jsonl');
    const padded = (id: number) => ({ ...eventRow(id), properties: JSON.stringify({ note: 'x'.repeat(id * 37) }) });
    const lines = Array.from({ length: 300 }, (_, i) => message('events', 'c', null, padded(i + 1), i + 1));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const blockBytes = 200_000;
    // The same cut in JavaScript: 65,536 lines at a time, then by the stretch of blockBytes bytes of them (without
    // their line breaks) each line starts in.
    const expected = new Map<string, number>();
    let offset = 0;
    lines.forEach((line, i) => {
      if (i % 65_536 === 0) offset = 0;
      const block = `${Math.floor(i / 65_536)}:${Math.floor(offset / blockBytes)}`;
      expected.set(block, (expected.get(block) ?? 0) + 1);
      offset += Buffer.byteLength(line);
    });
    const landed: number[] = [];
    const progress = (p: ReplayProgress) => {
      if (p.phase === 'landed') landed.push(p.lines - landed.reduce((sum, n) => sum + n, 0));
    };
    expect(await replayFile(engine, chain, file, { blockBytes, onProgress: progress })).toBe(300);
    expect(landed.length).toBeGreaterThan(2);
    expect(landed).toEqual([...expected.values()]);
    expect(await engine.rows('SELECT count() AS n FROM sized.events_processed FINAL')).toEqual([{ n: '300' }]);
    await expect(replayFile(engine, chain, file, { blockBytes: 0 })).rejects.toThrow(/at least 1; got 0/);
  });
});

describe('message keys', () => {
  it('a replayed dump of keyed messages (kcat -K) lands each key beside its message, by file and by the server path: a delete without its row applies, a tombstone is skipped, a byte order mark is dropped', async () => {
    const key = (id: number) =>
      JSON.stringify({ schema: { type: 'struct', fields: [{ type: 'int64', field: 'id' }] }, payload: { id } });
    const dump = [
      ...[11, 12, 13].map((id) => `${key(id)}\t${message('events', 'c', null, eventRow(id), 40 + id)}`),
      `${key(11)}\t${message('events', 'd', null, null, 60)}`,
      `${key(11)}\t`,
      // A message without a key (a line with no separator) is the message alone.
      message('events', 'c', null, eventRow(14), 61),
    ];
    const file = join(dir, 'keyed.jsonl');
    // Saved with a byte order mark, as an editor may: it is no part of the first key.
    writeFileSync(file, `\uFEFF${dump.join('\n')}\n`);
    // The path a server takes (it cannot read this machine's files): the lines are sent after the statement.
    const server = (inner: Engine): Engine => ({
      can: { ...inner.can, runInProcess: false },
      description: inner.description,
      flags: inner.flags,
      rows: (sql, options) => inner.rows(sql, options),
      command: (sql, options) => inner.command(sql, options),
      close: async () => {},
    });
    for (const [name, on] of [
      ['keyed_file', engine],
      ['keyed_server', server(engine)],
    ] as const) {
      const chain = await chainOf(name, (raw) => ({ ...raw, dictionaries: [], views: [], aggregates: [] }));
      expect(await replayFile(on, chain, file, { topic: 'events', keySeparator: '\t' }), name).toBe(6);
      expect(
        await engine.rows(`SELECT toString(id) AS id FROM ${name}.events_processed FINAL ORDER BY events_processed.id`),
        name,
      ).toEqual([{ id: '12' }, { id: '13' }, { id: '14' }]);
      expect(await engine.rows(`SELECT count() AS n FROM ${name}.${name}_dead_letter`), name).toEqual([{ n: '0' }]);
      expect(
        await engine.rows(`SELECT count() AS n FROM ${name}.${name}_landing WHERE key = ${quoteString(key(11))}`),
      ).toEqual([{ n: '3' }]);
      expect(await engine.rows(`SELECT DISTINCT topic FROM ${name}.${name}_landing`), name).toEqual([
        { topic: 'events' },
      ]);
      const checks = (await validateStream(engine, chain, [])).days[0]!.checks;
      expect(
        checks.filter((c) => c.status === 'fail'),
        name,
      ).toEqual([]);
      expect(checks.find((c) => c.name.startsWith('messages: landed'))!.detail, name).toMatch(/1 tombstones/);
    }
  });

  it('a delete without its before takes the key from the Kafka message key; without either it is dead-lettered', async () => {
    const chain = await chainOf('keys', (raw) => ({ ...raw, dictionaries: [], views: [], aggregates: [] }));
    const land = (rows: { line: string; key: string }[]) =>
      engine.command(
        `INSERT INTO keys.keys_landing (line, key) VALUES ${rows.map((r) => `(${quoteString(r.line)}, ${quoteString(r.key)})`).join(', ')}`,
      );
    const key = (id: number) =>
      JSON.stringify({ schema: { type: 'struct', fields: [{ type: 'int64', field: 'id' }] }, payload: { id } });
    await land([1, 2, 3].map((id) => ({ line: message('events', 'c', null, eventRow(id), 10 + id), key: key(id) })));
    await land([
      { line: message('events', 'd', null, null, 20), key: key(1) },
      // Debezium's tombstone: the key, no value.
      { line: '', key: key(1) },
      { line: message('events', 'd', null, null, 21), key: '' },
    ]);
    expect(
      await engine.rows('SELECT toString(id) AS id FROM keys.events_processed FINAL ORDER BY events_processed.id'),
    ).toEqual([{ id: '2' }, { id: '3' }]);
    expect(await engine.rows('SELECT reason FROM keys.keys_dead_letter')).toEqual([
      { reason: 'missing field before (a delete without its row or a message key)' },
    ]);
    const checks = (await validateStream(engine, chain, [])).days[0]!.checks;
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.detail)).toEqual([
      expect.stringMatching(/^1 delete of events dead-lettered/),
    ]);
    expect(checks.find((c) => c.name.startsWith('messages: landed'))!.detail).toBe(
      '6 landed, 4 parsed, 1 tombstones (skipped), 1 dead-lettered',
    );
  });
});

describe('unchanged TOASTed values', () => {
  it("take the row's earlier value (same block, however large, earlier block, redelivered), or are dead-lettered with their reason when none is known", async () => {
    const chain = await eventsChainWith('toasted', [
      { name: 'amount', path: 'amount', type: 'Decimal(12, 2)', encoding: 'base64' },
    ]);
    await engine.command('SYSTEM STOP MERGES toasted.events_processed');
    const unavailable = '__debezium_unavailable_value';
    const row = (id: number, type: string, properties: string, amount: string) => ({
      id,
      user_id: `user_${id}`,
      experiment_id: 1,
      variant_id: 10,
      event_type: type,
      event_time: '2026-10-01T10:00:00Z',
      properties,
      amount,
    });
    const cents = (n: number) => Buffer.from([n >> 8, n & 255]).toString('base64');
    const bytes = Buffer.from(unavailable).toString('base64');
    const replay = async (name: string, lines: string[]) => {
      writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
      return replayFile(engine, chain, join(dir, name));
    };
    const later = message('events', 'u', null, row(1, 'conversion', unavailable, bytes), 40);
    // Same block: the earlier version of key 2 gives the values, even where the engine would hand the block to the
    // views in pieces: it cuts an insert's rows at min_insert_block_size_bytes (256 MB, so at 65,536 messages of 4 KB),
    // and a piece does not see what the pieces before it wrote. Here it would cut at every row read.
    const cutEveryRow = [
      'max_block_size',
      'preferred_block_size_bytes',
      'min_insert_block_size_bytes',
      'min_insert_block_size_rows',
    ];
    for (const setting of cutEveryRow) await engine.command(`SET ${setting} = 1`);
    try {
      await replay('toast-1.jsonl', [
        message('events', 'c', null, row(1, 'exposure', '{"page":"/a","value":1.5}', cents(125)), 10),
        message('events', 'c', null, row(2, 'exposure', '{"page":"/b","value":2}', cents(300)), 20),
        message('events', 'u', null, row(2, 'click', unavailable, bytes), 30),
      ]);
    } finally {
      for (const setting of cutEveryRow) await engine.command(`SET ${setting} = DEFAULT`);
    }
    await replay('toast-2.jsonl', [
      // Earlier block: key 1's values come from the processed table.
      later,
      // Never seen: nothing to take the values from.
      message('events', 'u', null, row(3, 'click', unavailable, cents(1)), 50),
    ]);
    // Redelivered, and once more after a newer version: neither changes the latest state.
    await replay('toast-3.jsonl', [later]);
    await replay('toast-4.jsonl', [
      message('events', 'u', null, row(2, 'conversion', '{"page":"/c"}', cents(7)), 60),
      message('events', 'u', null, row(2, 'click', unavailable, bytes), 30),
    ]);
    expect(
      await engine.rows(
        'SELECT toString(id) AS id, event_type, page, value, toString(amount) AS amount FROM toasted.events_processed FINAL ORDER BY id',
      ),
    ).toEqual([
      { id: '1', event_type: 'conversion', page: '/a', value: 1.5, amount: '1.25' },
      { id: '2', event_type: 'conversion', page: '/c', value: 0, amount: '0.07' },
    ]);
    // Every stored version of key 1 since the placeholder carries the earlier values, none a blank.
    expect(
      await engine.rows(
        "SELECT page, toString(amount) AS amount, count() AS n FROM toasted.events_processed WHERE id = 1 AND event_type = 'conversion' GROUP BY page, amount",
      ),
    ).toEqual([{ page: '/a', amount: '1.25', n: '2' }]);
    expect(await engine.rows('SELECT reason FROM toasted.toasted_dead_letter')).toEqual([
      {
        reason: expect.stringMatching(
          /^unavailable value: properties arrived as __debezium_unavailable_value .*no earlier version of the row is known/,
        ),
      },
    ]);
    const report = await validateStream(engine, chain, []);
    const checks = report.days.flatMap((d) => d.checks);
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.detail)).toEqual([
      expect.stringMatching(/^1 update of events dead-lettered.*first reason: unavailable value/),
    ]);
    expect(checks.find((c) => c.name === 'events_processed: no placeholder stored')).toMatchObject({ status: 'pass' });
  });

  it("in each array type's own form, and an hstore's, take the earlier value too; a stored form fails validation", async () => {
    const columns = [
      { name: 'tags', path: 'tags', type: 'Array(String)' },
      { name: 'scores', path: 'scores', type: 'Array(Int32)' },
      { name: 'totals', path: 'totals', type: 'Array(Int64)' },
      { name: 'refs', path: 'refs', type: 'Array(UUID)' },
      { name: 'blobs', path: 'blobs', type: 'Array(String)' },
      { name: 'ratios', path: 'ratios', type: 'Array(Float64)' },
      { name: 'attrs', path: 'attrs', type: 'String' },
    ];
    const chain = await eventsChainWith('toasted_arrays', columns);
    const placeholder = '__debezium_unavailable_value';
    const bytes = [...Buffer.from(placeholder)];
    // As the connector sends each unchanged TOASTed column (its UnchangedToastedPlaceholder): text[] the placeholder,
    // integer[] and bigint[] its bytes as numbers, uuid[] the name-based UUID of its bytes (Java's
    // nameUUIDFromBytes: MD5, version 3), bytea[] its base64, float8[] the placeholder where the array belongs, an
    // hstore (hstore.handling.mode=json) the placeholder mapped to itself.
    const md5 = createHash('md5').update(Buffer.from(placeholder)).digest();
    md5[6] = (md5[6]! & 0x0f) | 0x30;
    md5[8] = (md5[8]! & 0x3f) | 0x80;
    const uuid = md5.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const unchanged = {
      tags: [placeholder],
      scores: bytes,
      totals: bytes,
      refs: [uuid],
      blobs: [Buffer.from(placeholder).toString('base64')],
      ratios: placeholder,
      attrs: JSON.stringify({ [placeholder]: placeholder }),
    };
    const first = {
      tags: ['a', 'b'],
      scores: [1, -2],
      totals: [3],
      refs: ['0b7e5a8e-5b3c-4e1f-9a55-3c2d1e0f9a77'],
      blobs: ['AAE='],
      ratios: [0.5],
      attrs: '{"k":"v"}',
    };
    const lines = [
      message('events', 'c', null, eventRow(1, first), 10),
      message('events', 'u', null, eventRow(1, { ...unchanged, event_type: 'conversion' }), 20),
      // Never seen: nothing to take the values from, so each form is dead-lettered, never stored.
      message('events', 'u', null, eventRow(2, unchanged), 30),
    ];
    writeFileSync(join(dir, 'toasted-arrays.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'toasted-arrays.jsonl'));
    const rows = await processedEvents('toasted_arrays', [{ name: 'event_type' }, ...columns]);
    expect(rows).toEqual([
      {
        id: '1',
        event_type: 'conversion',
        tags: "['a','b']",
        scores: '[1,-2]',
        totals: '[3]',
        refs: "['0b7e5a8e-5b3c-4e1f-9a55-3c2d1e0f9a77']",
        blobs: "['AAE=']",
        ratios: '[0.5]',
        attrs: '{"k":"v"}',
      },
    ]);
    expect(await deadLetterReasons('toasted_arrays')).toEqual([
      expect.stringMatching(/^unavailable value: tags arrived as __debezium_unavailable_value/),
    ]);
    // A stored form of the placeholder, as a chain that did not know it would have stored it: validation fails.
    await engine.command(
      `INSERT INTO toasted_arrays.events_processed (id, user_id, experiment_id, variant_id, event_type, event_time, scores, _version) VALUES (3, 'u', 1, 2, 'click', '2026-10-01 10:00:00', [${bytes.join(',')}], 40)`,
    );
    const report = await validateStream(engine, chain, []);
    expect(
      report.days.flatMap((d) => d.checks).find((c) => c.name === 'events_processed: no placeholder stored'),
    ).toMatchObject({
      status: 'fail',
    });
  });
});

describe('a dump as a default deployment sends it', () => {
  it.each(['payload', 'none'] as const)(
    'envelope %s: key-only deletes, base64 revenue, unchanged TOASTed properties on a third of the updates, tombstones, a truncate, redeliveries, partitions read interleaved: every processed row, aggregate and view equals the source state',
    async (wrapper) => {
      const name = `deployed_${wrapper}`;
      const chain = await chainOf(name, (raw) => ({ ...raw, envelope: { wrapper, version: 'lsn' }, dictionaries: [] }));
      const lines: string[] = [];
      const dump = generateDump(
        {
          events: 3000,
          users: 100,
          experiments: 3,
          seed: 5,
          duplicates: 0.1,
          badOfEachKind: 0,
          keepState: true,
          wrapper,
          toast: 0.33,
          truncate: true,
        },
        (l) => lines.push(l),
      );
      expect(lines.filter((l) => l.includes('__debezium_unavailable_value')).length).toBeGreaterThan(50);
      expect(dump.truncates).toBeGreaterThan(0);
      // In several deliveries (a key's versions in order, as Kafka keeps them within a partition).
      const file = join(dir, `${name}.jsonl`);
      for (let i = 0; i < 4; i++) {
        writeFileSync(file, `${lines.slice((i * lines.length) / 4, ((i + 1) * lines.length) / 4).join('\n')}\n`);
        await replayFile(engine, chain, file);
      }
      const rows = await engine.rows<Record<string, string>>(
        `SELECT toString(id) AS id, user_id, event_type, toString(event_time) AS t, page, device, toString(value) AS value, toString(revenue * 100) AS cents FROM ${name}.events_processed_live ORDER BY id`,
      );
      const want = [...dump.state.events.values()]
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((e) => {
          const p = JSON.parse(String(e.properties)) as { page?: string; device?: string; value?: number };
          return {
            id: String(e.id),
            user_id: String(e.user_id),
            event_type: String(e.event_type),
            t: String(e.event_time).replace('T', ' ').replace('Z', ''),
            page: p.page ?? '',
            device: p.device ?? '',
            value: String(p.value ?? 0),
            cents: String(centsOf(e)),
          };
        });
      expect(rows.length).toBe(want.length);
      expect(rows.filter((r, i) => JSON.stringify(r) !== JSON.stringify(want[i]))).toEqual([]);
      expect(await engine.rows(`SELECT reason FROM ${name}.${name}_dead_letter`)).toEqual([]);
      const days = await daysWithData(engine, chain);
      await rebuildAggregates(engine, chain, { days });
      await expectAggregatesExact(name, dump.state);
      // The reporting view over the daily rollup: per experiment and variant, against the same JavaScript totals.
      const perVariant = new Map<string, number>();
      for (const [k, v] of expected(dump.state).hourly) {
        const [, experiment, variant] = k.split('|');
        perVariant.set(`${experiment}|${variant}`, (perVariant.get(`${experiment}|${variant}`) ?? 0) + v.events);
      }
      const performance = await engine.rows<{ k: string; events: string }>(
        `SELECT concat(toString(experiment_id), '|', toString(variant_id)) AS k, toString(events) AS events FROM ${name}.experiment_performance ORDER BY k`,
      );
      expect(performance.map((p) => [p.k, Number(p.events)])).toEqual([...perVariant].sort());
      await expectOtherTablesExact(name, dump.state);
      const checks = (await validateStream(engine, chain, days)).days.flatMap((d) => d.checks);
      expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(checks.find((c) => c.name.startsWith('messages: landed'))!.detail).toBe(
        `${dump.messages} landed, ${dump.messages - dump.tombstones - dump.truncates} parsed, ${dump.truncates} truncates, ${dump.tombstones} tombstones (skipped)`,
      );
    },
  );
});

describe('truncates', () => {
  it('a truncate empties the latest state as of its version: rows of later versions survive, aggregates and validation follow', async () => {
    // Assignments without a time column: a dimension, read whole by the aggregates, feeding no day.
    const chain = await chainOf('truncated', (raw) => ({
      ...raw,
      tables: (raw.tables as Record<string, unknown>[]).map((t) =>
        t.name === 'assignments_processed' ? { ...t, time: undefined } : t,
      ),
      dictionaries: [],
      views: [],
    }));
    const event = (id: number, day: string) => ({
      id,
      user_id: `user_${id}`,
      experiment_id: 1,
      variant_id: 10,
      event_type: 'exposure',
      event_time: `${day}T10:00:00Z`,
      properties: '{"value":2}',
    });
    const truncate = (table: string, version: number) =>
      JSON.stringify({ schema: {}, payload: { op: 't', ts_ms: 1, source: { table, lsn: version } } });
    const base = 5_000_000;
    const lines = [
      message('events', 'c', null, event(1, '2026-10-01'), base + 1),
      message('events', 'c', null, event(2, '2026-10-02'), base + 2),
      message('events', 'c', null, event(3, '2026-10-02'), base + 3),
      truncate('events', base + 10),
      // After the truncate: a new row, and key 2 inserted again.
      message('events', 'c', null, event(2, '2026-10-02'), base + 11),
      message('events', 'c', null, event(4, '2026-10-03'), base + 12),
      // An older version of key 3 redelivered after the truncate arrived: still emptied.
      message('events', 'c', null, event(3, '2026-10-02'), base + 3),
    ];
    writeFileSync(join(dir, 'truncated.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'truncated.jsonl'));
    // Key 1's day holds nothing once truncated away.
    expect(await daysWithData(engine, chain)).toEqual(['2026-10-02', '2026-10-03']);
    const days = ['2026-10-01', '2026-10-02', '2026-10-03'];
    await rebuildAggregates(engine, chain, { days });
    expect(
      await engine.rows('SELECT toString(day) AS day, events FROM truncated.user_experiment_stats ORDER BY day'),
    ).toEqual([
      { day: '2026-10-02', events: '1' },
      { day: '2026-10-03', events: '1' },
    ]);
    expect(await engine.rows('SELECT reason FROM truncated.truncated_dead_letter')).toEqual([]);
    const report = await validateStream(engine, chain, days);
    const checks = report.days.flatMap((d) => d.checks);
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(checks.find((c) => c.name.startsWith('messages: landed'))!.detail).toBe('7 landed, 6 parsed, 1 truncates');
    expect(checks.find((c) => c.name === 'events_processed: rows = latest version per key')!.detail).toBe(
      '2 rows, 2 keys whose latest message is not a delete',
    );
    // The table keeps the truncated rows; its live view is the latest state.
    const ids = async (from: string) =>
      (await engine.rows<{ id: string }>(`SELECT toString(id) AS id FROM ${from} ORDER BY id`)).map((r) => r.id);
    expect(await ids('truncated.events_processed FINAL')).toEqual(['1', '2', '3', '4']);
    expect(await ids('truncated.events_processed_live')).toEqual(['2', '4']);
    // A later truncate empties the table. The processed tables then hold no day, the aggregates still hold theirs,
    // and validation over those days (what `chplan validate` covers without --day) fails until they are rebuilt.
    writeFileSync(join(dir, 'truncated-all.jsonl'), `${truncate('events', base + 20)}\n`);
    await replayFile(engine, chain, join(dir, 'truncated-all.jsonl'));
    expect(await daysWithData(engine, chain)).toEqual([]);
    const held = await daysWithData(engine, chain, { aggregates: true });
    expect(held).toEqual(['2026-10-02', '2026-10-03']);
    const failed = async () =>
      (await validateStream(engine, chain, held)).days
        .flatMap((d) => d.checks)
        .filter((c) => c.status === 'fail')
        .map((c) => c.name);
    expect(await failed()).toEqual(['experiment_hourly_stats: rows', 'user_experiment_stats: rows']);
    await rebuildAggregates(engine, chain, { days: held });
    expect(await failed()).toEqual([]);
    expect(await engine.rows('SELECT count() AS n FROM truncated.user_experiment_stats')).toEqual([{ n: '0' }]);
  });
});

describe("Debezium's default NUMERIC encoding", () => {
  it('base64 decimals arrive exact: negatives, zero, 38 digits, every scale; a value that is not base64 is dead-lettered', async () => {
    const chain = await eventsChainWith('money', [
      { name: 'amount', path: 'amount', type: 'Decimal(38, 10)', encoding: 'base64' },
      { name: 'price', path: 'price', type: 'Decimal(9, 2)', encoding: 'base64' },
    ]);
    const cases: [bigint, bigint][] = [
      [0n, 0n],
      [1n, 1n],
      [-1n, -1n],
      [12_345n, -12_345n],
      [127n, 128n],
      [-128n, -129n],
      [10n ** 38n - 1n, 99_999_999n],
      [-(10n ** 38n - 1n), -99_999_999n],
    ];
    const lines = cases.map(([amount, price], i) =>
      message('events', 'c', null, eventRow(i + 1, { amount: preciseDecimal(amount), price: preciseDecimal(price) })),
    );
    lines.push(message('events', 'c', null, eventRow(100, { amount: 'not base64!', price: preciseDecimal(1n) })));
    writeFileSync(join(dir, 'money.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'money.jsonl'));
    const rows = await processedEvents('money', [{ name: 'amount' }, { name: 'price' }]);
    const decimal = (unscaled: bigint, scale: number) => {
      const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
      const text = `${digits.slice(0, -scale) || '0'}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
      return `${unscaled < 0n ? '-' : ''}${text}`;
    };
    expect(rows).toEqual(
      cases.map(([amount, price], i) => ({ id: String(i + 1), amount: decimal(amount, 10), price: decimal(price, 2) })),
    );
    expect(await engine.rows('SELECT reason FROM money.money_dead_letter')).toEqual([
      { reason: expect.stringMatching(/^type: amount is not Decimal\(38, 10\)/) },
    ]);
  });
});

describe('integers', () => {
  it('arrive exact to the last of 64 bits; a fraction, a boolean or a value out of range is dead-lettered, never truncated, whatever their width', async () => {
    const chain = await eventsChainWith('ints', [
      { name: 'big', path: 'big', type: 'Int64' },
      { name: 'ubig', path: 'ubig', type: 'UInt64' },
      { name: 'small', path: 'small', type: 'Int16' },
    ]);
    const good: [Record<string, unknown>, Record<string, string>][] = [
      [
        { big: 2n ** 63n - 1n, ubig: 2n ** 64n - 1n, small: 32_767 },
        { big: '9223372036854775807', ubig: '18446744073709551615', small: '32767' },
      ],
      [
        { big: -(2n ** 63n), ubig: 0, small: -32_768 },
        { big: '-9223372036854775808', ubig: '0', small: '-32768' },
      ],
    ];
    const bad: [Record<string, unknown>, string][] = [
      [{ big: 1.5 }, 'type: big is not Int64: 1.5'],
      [{ big: true }, 'type: big is not Int64: true'],
      [{ big: 2n ** 63n }, 'type: big is not Int64: 9223372036854775808'],
      [{ ubig: -1 }, 'type: ubig is not UInt64: -1'],
      [{ small: 1.5 }, 'type: small is not Int16: 1.5'],
      [{ small: true }, 'type: small is not Int16: true'],
      [{ small: 32_768 }, 'type: small is not Int16: 32768'],
    ];
    const lines = [...good.map(([fields]) => fields), ...bad.map(([fields]) => fields)].map((fields, i) =>
      jsonWithBigints({
        schema: {},
        payload: { op: 'c', before: null, after: eventRow(i + 1, fields), source: { table: 'events', lsn: 100 + i } },
      }),
    );
    writeFileSync(join(dir, 'ints.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'ints.jsonl'));
    const rows = await processedEvents('ints', [{ name: 'big' }, { name: 'ubig' }, { name: 'small' }]);
    expect(rows).toEqual(good.map(([, want], i) => ({ id: String(i + 1), ...want })));
    expect(await deadLetterReasons('ints')).toEqual(
      bad.map(([, reason]) => expect.stringMatching(`^${reason.replace(/[.()]/g, '\\$&')}`)),
    );
  });
});

describe('reals', () => {
  it('a PostgreSQL real arrives as the float it names (0.1 is no double), to the ends of its range; beyond them it is dead-lettered', async () => {
    const chain = await eventsChainWith('reals', [{ name: 'ratio', path: 'ratio', type: 'Float32' }]);
    // As Java's Float.toString writes them: the shortest decimal that names each float.
    const sent = ['0.1', '-2.7182817', '3.4028235E38', '1.4E-45', '1.17549435E-38', '16777216'];
    const lines = [...sent, '3.5E38'].map(
      (ratio, i) =>
        `{"schema":{},"payload":{"op":"c","before":null,"after":${JSON.stringify(eventRow(i + 1)).replace(/}$/, `,"ratio":${ratio}}`)},"source":{"table":"events","lsn":${200 + i}}}}`,
    );
    writeFileSync(join(dir, 'reals.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'reals.jsonl'));
    const rows = await processedEvents('reals', [{ name: 'ratio' }]);
    expect(rows.map((r) => Math.fround(Number(r.ratio)))).toEqual(sent.map((x) => Math.fround(Number(x))));
    expect(await deadLetterReasons('reals')).toEqual([expect.stringMatching(/^type: ratio is not Float32: 3\.5e38/i)]);
  });
});

describe("each message's schema picks its encoding", () => {
  it('a connector reconfigured mid-stream: decimals at other scales, in string mode, variable scale; timestamps and times of day in every precision; dates; each exact, or dead-lettered naming what its schema declares', async () => {
    const columns = [
      { name: 'amount', path: 'amount', type: 'Decimal(20, 4)', encoding: 'base64' },
      { name: 'price', path: 'price', type: 'Decimal(9, 2)' },
      { name: 'at', path: 'at', type: "DateTime64(6, 'UTC')" },
      { name: 'at3', path: 'at3', type: "DateTime64(3, 'UTC')" },
      { name: 'born', path: 'born', type: 'Date32' },
      { name: 'clock', path: 'clock', type: 'Time64(6)' },
      { name: 'clock3', path: 'clock3', type: 'Time64(3)' },
      { name: 'at9', path: 'at9', type: "DateTime64(9, 'UTC')" },
      { name: 'at0', path: 'at0', type: "DateTime64(0, 'UTC')" },
    ];
    const chain = await eventsChainWith('by_schema', columns);
    /** One field's value as the connector sends it, and the schema it declares for it. */
    type Sent = { field: string; value: unknown; type: string; name?: string; scale?: number };
    const decimal = (unscaled: bigint, scale: number): Sent => ({
      field: '',
      value: preciseDecimal(unscaled),
      type: 'bytes',
      name: 'org.apache.kafka.connect.data.Decimal',
      scale,
    });
    const time = (name: string | undefined, value: unknown): Sent => ({
      field: '',
      value,
      type: typeof value === 'string' ? 'string' : 'int64',
      name,
    });
    const lines: string[] = [];
    let version = 1000;
    const send = (id: number, op: 'c' | 'u', sent: Sent) => {
      const declared: Record<string, unknown> = { type: sent.type };
      if (sent.name) declared.name = sent.name;
      if (sent.scale !== undefined) declared.parameters = { scale: String(sent.scale) };
      lines.push(eventWithSchema(id, op, ++version, sent.field, sent.value, declared));
    };
    const on = (field: string, sent: Sent): Sent => ({ ...sent, field });
    const good: [Sent, string][] = [
      [on('amount', decimal(1_234_567n, 4)), '123.4567'],
      [on('amount', decimal(-12_345n, 2)), '-123.45'],
      [on('amount', decimal(1_230_000n, 6)), '1.23'],
      [
        on('amount', {
          field: '',
          value: { scale: 3, value: preciseDecimal(5n) },
          type: 'struct',
          name: 'io.debezium.data.VariableScaleDecimal',
        }),
        '0.005',
      ],
      [on('price', decimal(725n, 2)), '7.25'],
      [on('price', { field: '', value: '-7.5', type: 'string' }), '-7.5'],
      [on('price', { field: '', value: 12.25, type: 'double' }), '12.25'],
      [on('at', time('io.debezium.time.MicroTimestamp', -1)), '1969-12-31 23:59:59.999999'],
      [on('at', time('io.debezium.time.Timestamp', 1_700_000_000_123)), '2023-11-14 22:13:20.123000'],
      [on('at', time('org.apache.kafka.connect.data.Timestamp', -86_400_001)), '1969-12-30 23:59:59.999000'],
      [on('at', time('io.debezium.time.NanoTimestamp', 1_700_000_000_123_456_000n)), '2023-11-14 22:13:20.123456'],
      [
        on('at', time('io.debezium.time.ZonedTimestamp', '2026-10-01T12:00:00.123456+02:00')),
        '2026-10-01 10:00:00.123456',
      ],
      [on('at', time(undefined, '2026-10-01T10:00:00Z')), '2026-10-01 10:00:00.000000'],
      [on('at3', time('io.debezium.time.MicroTimestamp', 1_700_000_000_123_000)), '2023-11-14 22:13:20.123'],
      [on('born', time('io.debezium.time.Date', -25_000)), new Date(-25_000 * 86_400_000).toISOString().slice(0, 10)],
      [on('born', time('org.apache.kafka.connect.data.Date', 20_000)), '2024-10-04'],
      [on('clock', time('io.debezium.time.MicroTime', 45_296_123_456)), '12:34:56.123456'],
      [on('clock', time('io.debezium.time.Time', 45_296_123)), '12:34:56.123000'],
      [on('clock', time('org.apache.kafka.connect.data.Time', 0)), '00:00:00.000000'],
      [on('clock', time('io.debezium.time.NanoTime', 86_400_000_000_000)), '24:00:00.000000'],
      [on('clock', time('io.debezium.time.ZonedTime', '12:34:56.5Z')), '12:34:56.500000'],
      [on('clock', time(undefined, 1_000_000)), '00:00:01.000000'],
      [on('clock3', time('io.debezium.time.Time', 1)), '00:00:00.001'],
      // The last microsecond a DateTime64(9) holds (its nanoseconds are an Int64).
      [on('at9', time('io.debezium.time.MicroTimestamp', 9_223_372_036_854_775n)), '2262-04-11 23:47:16.854775000'],
      // Before 1970 in whole seconds (parsed at no decimals, the engine would clamp it to 1970-01-01).
      [on('at0', time('io.debezium.time.ZonedTimestamp', '1969-12-31T23:59:59Z')), '1969-12-31 23:59:59'],
    ];
    const bad: [Sent, string][] = [
      [
        on('amount', decimal(1_234_567n, 6)),
        'type: amount is not Decimal(20, 4): "EtaH" (the schema declares org.apache.kafka.connect.data.Decimal, scale 6)',
      ],
      [
        on('at3', time('io.debezium.time.MicroTimestamp', 1_700_000_000_123_456)),
        "type: at3 is not DateTime64(3, 'UTC'): 1700000000123456 (the schema declares io.debezium.time.MicroTimestamp)",
      ],
      [
        on('at3', time('io.debezium.time.ZonedTimestamp', '2026-10-01T10:00:00.123456Z')),
        'type: at3 is not DateTime64(3, \'UTC\'): "2026-10-01T10:00:00.123456Z" (the schema declares io.debezium.time.ZonedTimestamp)',
      ],
      [
        on('at', time('io.debezium.time.MicroTime', 3_600_000_000)),
        "type: at is not DateTime64(6, 'UTC'): 3600000000 (the schema declares io.debezium.time.MicroTime)",
      ],
      [
        on('clock', time('io.debezium.time.MicroTime', 86_400_000_001)),
        'type: clock is not Time64(6): 86400000001 (the schema declares io.debezium.time.MicroTime)',
      ],
      [
        on('clock', time('io.debezium.time.ZonedTimestamp', '2026-10-01T10:00:00Z')),
        'type: clock is not Time64(6): "2026-10-01T10:00:00Z" (the schema declares io.debezium.time.ZonedTimestamp)',
      ],
      [
        on('clock3', time('io.debezium.time.MicroTime', 1)),
        'type: clock3 is not Time64(3): 1 (the schema declares io.debezium.time.MicroTime)',
      ],
      // One microsecond later: a dead letter, not a cast that fails the block.
      [
        on('at9', time('io.debezium.time.MicroTimestamp', 9_223_372_036_854_776n)),
        "type: at9 is not DateTime64(9, 'UTC'): 9223372036854776 (the schema declares io.debezium.time.MicroTimestamp)",
      ],
      [
        on('at0', time('io.debezium.time.ZonedTimestamp', '1969-12-31T23:59:59.5Z')),
        'type: at0 is not DateTime64(0, \'UTC\'): "1969-12-31T23:59:59.5Z" (the schema declares io.debezium.time.ZonedTimestamp)',
      ],
      // Eleven digits for a Decimal(9, 2): its storage (Decimal32) would hold them, its precision does not.
      [
        on('price', decimal(10n ** 10n, 2)),
        `type: price is not Decimal(9, 2): ${JSON.stringify(preciseDecimal(10n ** 10n))} (the schema declares org.apache.kafka.connect.data.Decimal, scale 2)`,
      ],
    ];
    [...good, ...bad].forEach(([sent], i) => send(i + 1, 'c', sent));
    // An unchanged TOASTed decimal in string mode keeps the value an earlier message sent as bytes.
    send(100, 'c', on('price', decimal(-1n, 2)));
    send(100, 'u', on('price', { field: '', value: '__debezium_unavailable_value', type: 'string' }));
    // A schema whose fields are not in the envelope's order (before, after, …) is not read by position: refused.
    send(200, 'c', on('price', decimal(1n, 2)));
    const swapped = JSON.parse(lines.pop()!) as { schema: { fields: unknown[] } };
    swapped.schema.fields.reverse();
    lines.push(JSON.stringify(swapped));
    writeFileSync(join(dir, 'by-schema.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'by-schema.jsonl'));
    const rows = await processedEvents('by_schema', columns);
    expect(rows.map((r) => r.id)).toEqual([...good.map((_, i) => String(i + 1)), '100']);
    good.forEach(([sent, expected], i) => expect(rows[i]![sent.field], `message ${i + 1}`).toBe(expected));
    expect(rows.at(-1)!.price).toBe('-0.01');
    expect(await deadLetterReasons('by_schema')).toEqual([
      ...bad.map(([, reason]) => reason),
      "a schema that is not a Debezium envelope's (its second field is not after): the row's types cannot be read from it",
    ]);
    // Validation reads each distinct schema: a type the column cannot hold fails, one with more digits warns.
    const check = (await validateStream(engine, chain, [])).days[0]!.checks.find((c) =>
      c.name.startsWith('messages: field types'),
    )!;
    expect(check.status).toBe('fail');
    expect(check.detail.split('; ').sort()).toEqual([
      "events_processed.amount: the messages' decimals have scale 6, the column Decimal(20, 4): a value with more decimals than the column keeps is dead-lettered",
      "events_processed.at3: the messages declare io.debezium.time.MicroTimestamp (6 digits after the second), more than DateTime64(3, 'UTC') keeps: a value that uses them is dead-lettered",
      "events_processed.at: the messages declare io.debezium.time.MicroTime, which chplan does not read into DateTime64(6, 'UTC'): each is dead-lettered",
      "events_processed.at: the messages declare io.debezium.time.NanoTimestamp (9 digits after the second), more than DateTime64(6, 'UTC') keeps: a value that uses them is dead-lettered",
      'events_processed.clock3: the messages declare io.debezium.time.MicroTime (6 digits after the second), more than Time64(3) keeps: a value that uses them is dead-lettered',
      'events_processed.clock: the messages declare io.debezium.time.NanoTime (9 digits after the second), more than Time64(6) keeps: a value that uses them is dead-lettered',
      'events_processed.clock: the messages declare io.debezium.time.ZonedTimestamp, which chplan does not read into Time64(6): each is dead-lettered',
      'events_processed.clock: the messages send a plain int64, which the spec reads as time_micros',
    ]);
  });
});

describe("Debezium's bytes (bytea)", () => {
  it('arrive as the bytes PostgreSQL holds, an unchanged TOASTed one keeps the earlier bytes; bytes read as text fail validation', async () => {
    const chain = await eventsChainWith('bytea', [
      { name: 'blob', path: 'blob', type: 'String', encoding: 'base64' },
      { name: 'blob_text', path: 'blob_text', type: 'String' },
    ]);
    const unavailable = Buffer.from('__debezium_unavailable_value').toString('base64');
    const random = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7919 + 13) % 256));
    const sent = [Buffer.from([0, 255, 128, 10, 13, 9, 39, 92, 0xc3]), Buffer.alloc(0), random];
    // The schema a default deployment sends: a bytea is a plain bytes field (base64 in JSON).
    const bytes = (field: string) => ({ type: 'bytes', optional: true, field });
    const after = {
      type: 'struct',
      field: 'after',
      fields: [{ type: 'int64', field: 'id' }, bytes('blob'), bytes('blob_text')],
    };
    const schema = { type: 'struct', fields: [{ ...after, field: 'before' }, after] };
    const send = (id: number, op: 'c' | 'u', blob: string, version: number, fields: Record<string, unknown> = {}) =>
      JSON.stringify({
        schema,
        payload: {
          op,
          before: null,
          after: eventRow(id, { blob, blob_text: blob, ...fields }),
          source: { table: 'events', lsn: version },
        },
      });
    const lines = [
      ...sent.map((b, i) => send(i + 1, 'c', b.toString('base64'), 10 + i)),
      // An update that leaves the bytea unchanged: Debezium's placeholder, in base64.
      send(1, 'u', unavailable, 20, { event_type: 'conversion' }),
      send(4, 'c', 'not base64!', 21),
    ];
    writeFileSync(join(dir, 'bytea.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'bytea.jsonl'));
    const rows = await engine.rows<{ id: string; event_type: string; blob: string; blob_text: string }>(
      'SELECT toString(id) AS id, event_type, hex(blob) AS blob, blob_text FROM bytea.events_processed FINAL ORDER BY id',
    );
    expect(rows.map(({ id, event_type, blob }) => ({ id, event_type, blob }))).toEqual([
      { id: '1', event_type: 'conversion', blob: sent[0]!.toString('hex').toUpperCase() },
      { id: '2', event_type: 'click', blob: '' },
      { id: '3', event_type: 'click', blob: random.toString('hex').toUpperCase() },
    ]);
    expect(await deadLetterReasons('bytea')).toEqual([
      expect.stringMatching(/^type: blob is not bytes in base64: "not base64!"/),
    ]);
    // Read as text, the bytes stay base64, and the unchanged one becomes the placeholder's base64: validation says so.
    expect(rows[0]!.blob_text).toBe(unavailable);
    const checks = (await validateStream(engine, chain, [])).days[0]!.checks;
    expect(checks.find((c) => c.name.startsWith('messages: field types'))).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(
        /^events_processed\.blob_text: the messages send bytes .* read it with "encoding": "base64"$/,
      ),
    });
    expect(checks.find((c) => c.name === 'events_processed: no placeholder stored')).toMatchObject({ status: 'fail' });
  });
});

describe("Debezium's other encodings", () => {
  it('each arrives exact at its boundaries (variable scales, string and double decimals, µs/ms/ns epochs before 1970, zoned times, day numbers, times of day, arrays), and what cannot is dead-lettered', async () => {
    const columns = [
      { name: 'ratio', path: 'ratio', type: 'Decimal(20, 4)', encoding: 'variable_scale' },
      { name: 'text_amount', path: 'text_amount', type: 'Decimal(12, 3)' },
      { name: 'at_micros', path: 'at_micros', type: "DateTime64(6, 'UTC')", encoding: 'epoch_micros' },
      { name: 'at_millis', path: 'at_millis', type: "DateTime64(3, 'UTC')", encoding: 'epoch_millis' },
      { name: 'at_nanos', path: 'at_nanos', type: "DateTime64(9, 'UTC')", encoding: 'epoch_nanos' },
      { name: 'zoned', path: 'zoned', type: "DateTime64(6, 'UTC')", encoding: 'iso8601' },
      { name: 'born', path: 'born', type: 'Date32', encoding: 'epoch_days' },
      { name: 'tags', path: 'tags', type: 'Array(String)' },
      { name: 'scores', path: 'scores', type: 'Array(Int32)' },
      { name: 'maybe', path: 'maybe', type: 'Array(Nullable(Int32))' },
      { name: 'uid', path: 'uid', type: 'UUID' },
      { name: 'clock', path: 'clock', type: 'Time64(6)' },
    ];
    const chain = await eventsChainWith('encodings', columns);
    const good: [Record<string, unknown>, Record<string, string>][] = [
      [{ ratio: { scale: 2, value: preciseDecimal(12_345n) } }, { ratio: '123.45' }],
      [{ ratio: { scale: 6, value: preciseDecimal(-1_234_500n) } }, { ratio: '-1.2345' }],
      [{ ratio: { scale: 0, value: preciseDecimal(10n ** 15n) } }, { ratio: '1000000000000000' }],
      [{ text_amount: '-12.5' }, { text_amount: '-12.5' }],
      [{ text_amount: 12.125 }, { text_amount: '12.125' }],
      [{ at_micros: -1 }, { at_micros: '1969-12-31 23:59:59.999999' }],
      [{ at_millis: -86_400_001 }, { at_millis: new Date(-86_400_001).toISOString().replace('T', ' ').slice(0, 23) }],
      [{ at_nanos: 1_700_000_000_123_456_789n }, { at_nanos: '2023-11-14 22:13:20.123456789' }],
      [{ zoned: '2026-10-01T12:00:00.123456+02:00' }, { zoned: '2026-10-01 10:00:00.123456' }],
      [{ born: -25_000 }, { born: new Date(-25_000 * 86_400_000).toISOString().slice(0, 10) }],
      [
        { tags: ['a', 'b,c'], scores: [1, -2] },
        { tags: "['a','b,c']", scores: '[1,-2]' },
      ],
      [{ uid: '0b7e5a8e-5b3c-4e1f-9a55-3c2d1e0f9a77' }, { uid: '0b7e5a8e-5b3c-4e1f-9a55-3c2d1e0f9a77' }],
      // PostgreSQL's int[] holds NULL elements ({1,NULL,3}); an array of Nullable elements keeps them.
      [{ maybe: [1, null, 3] }, { maybe: '[1,NULL,3]' }],
      [{ clock: 45_296_000_001 }, { clock: '12:34:56.000001' }],
    ];
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ ratio: { scale: 6, value: preciseDecimal(1_234_567n) } }, /^type: ratio is not Decimal\(20, 4\)/],
      [{ text_amount: '1.2345' }, /^type: text_amount is not Decimal\(12, 3\)/],
      [{ born: 200_000 }, /^type: born is not Date32/],
      [{ scores: [1, 'x'] }, /^type: scores is not Array\(Int32\)/],
      [{ scores: [1, 1.5] }, /^type: scores is not Array\(Int32\)/],
      [{ scores: [true] }, /^type: scores is not Array\(Int32\)/],
      [{ scores: [2_147_483_648] }, /^type: scores is not Array\(Int32\)/],
      [{ scores: [1, null] }, /^type: scores is not Array\(Int32\)/],
      [{ maybe: [null, 1.5] }, /^type: maybe is not Array\(Nullable\(Int32\)\)/],
      [{ at_micros: 100_000_000_000_000_000n }, /^type: at_micros is not DateTime64/],
      [{ clock: -1 }, /^type: clock is not Time64\(6\)/],
    ];
    await expectEachCase('encodings', chain, columns, good, bad);
  });
});

describe("PostgreSQL's special values", () => {
  it("infinity and -infinity timestamps become the column's latest and earliest times, NaN and infinite floats stay, a time past 2262 no longer fails the block, and an array is whole or dead-lettered", async () => {
    const columns = [
      { name: 'at', path: 'at', type: "DateTime64(6, 'UTC')" },
      { name: 'at3', path: 'at3', type: "DateTime64(3, 'UTC')" },
      { name: 'at9', path: 'at9', type: "DateTime64(9, 'UTC')" },
      { name: 'ratio', path: 'ratio', type: 'Float64' },
      { name: 'share', path: 'share', type: 'Float32' },
      { name: 'shares', path: 'shares', type: 'Array(Float32)' },
      { name: 'flags', path: 'flags', type: 'Array(Bool)' },
      { name: 'flag', path: 'flag', type: 'Bool' },
    ];
    const chain = await eventsChainWith('special', columns);
    // One field as the connector sends it, with its schema's logical type (none for a float).
    type Sent = [field: string, value: unknown, logical?: string];
    const micro = 'io.debezium.time.MicroTimestamp';
    const zoned = 'io.debezium.time.ZonedTimestamp';
    const millis = 'io.debezium.time.Timestamp';
    const nano = 'io.debezium.time.NanoTimestamp';
    const year2290 = BigInt(Date.UTC(2290, 0, 1)) * 1000n;
    const good: [Sent, string][] = [
      [['at', 9_223_372_036_825_200_000n, micro], '2299-12-31 23:59:59.999999'],
      [['at', -9_223_372_036_832_400_000n, micro], '1900-01-01 00:00:00.000000'],
      [['at', 'infinity', zoned], '2299-12-31 23:59:59.999999'],
      [['at', '-infinity', zoned], '1900-01-01 00:00:00.000000'],
      [['at', year2290, micro], '2290-01-01 00:00:00.000000'],
      [['at', '2290-01-01T00:00:00.5Z', zoned], '2290-01-01 00:00:00.500000'],
      [['at3', 9_223_372_036_825_200n, millis], '2299-12-31 23:59:59.999'],
      [['at3', -9_223_372_036_832_400n, millis], '1900-01-01 00:00:00.000'],
      [['at9', 2n ** 63n - 1n, nano], '2262-04-11 23:47:16.854775807'],
      [['at9', -(2n ** 63n), nano], '1900-01-01 00:00:00.000000000'],
      [['ratio', 'NaN'], 'nan'],
      [['ratio', '-Infinity'], '-inf'],
      [['share', 'Infinity'], 'inf'],
      [['share', 'NaN'], 'nan'],
      [['shares', ['NaN', 0.1, '-Infinity']], '[nan,0.1,-inf]'],
      [['flags', [true, false]], '[true,false]'],
      [['flag', false], 'false'],
    ];
    const bad: [Sent, RegExp][] = [
      // Past what the column holds without being infinity: still dead-lettered.
      [['at', year2290 * 2n, micro], /^type: at is not DateTime64\(6, 'UTC'\)/],
      [['share', 3.5e38], /^type: share is not Float32/],
      // An array is whole or dead-lettered: an element beyond Float32, or none that converts, is never dropped.
      [['shares', [3.5e38]], /^type: shares is not Array\(Float32\)/],
      [['shares', ['abc']], /^type: shares is not Array\(Float32\)/],
      [['flags', ['x']], /^type: flags is not Array\(Bool\)/],
      // A boolean is true or false, not a number.
      [['flags', [2]], /^type: flags is not Array\(Bool\)/],
      [['flag', 0.5], /^type: flag is not Bool/],
    ];
    const lines = [...good.map(([sent]) => sent), ...bad.map(([sent]) => sent)].map(([field, value, logical], i) => {
      const type = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : 'int64';
      return eventWithSchema(i + 1, 'c', 300 + i, field, value, { type, name: logical });
    });
    writeFileSync(join(dir, 'special.jsonl'), `${lines.join('\n')}\n`);
    await replayFile(engine, chain, join(dir, 'special.jsonl'));
    const rows = await processedEvents('special', columns);
    expect(rows.map((r) => r.id)).toEqual(good.map((_, i) => String(i + 1)));
    good.forEach(([[field], want], i) => expect(rows[i]![field], `${i + 1}: ${field}`).toBe(want));
    expect(await deadLetterReasons('special')).toEqual(bad.map(([, reason]) => expect.stringMatching(reason)));
  });
  it('without the schemas, each number is read from its JSON text: a fraction or a boolean in a count or a double is dead-lettered, never truncated or taken as 1', async () => {
    const columns = [
      { name: 'at', path: 'at', type: "DateTime64(6, 'UTC')", encoding: 'epoch_micros' },
      { name: 'born', path: 'born', type: 'Date32', encoding: 'epoch_days' },
      { name: 'clock', path: 'clock', type: 'Time64(6)' },
      { name: 'ratio', path: 'ratio', type: 'Float64' },
      { name: 'ratios', path: 'ratios', type: 'Array(Float64)' },
    ];
    const chain = await chainOf('plain_numbers', (raw) => {
      const tables = raw.tables as { name: string; columns: Record<string, unknown>[] }[];
      tables
        .find((t) => t.name === 'events_processed')!
        .columns.push(...columns.map((c) => ({ ...c, optional: true })));
      return { ...raw, envelope: { wrapper: 'none', version: 'lsn' }, dictionaries: [], views: [], aggregates: [] };
    });
    const good: [Record<string, unknown>, Record<string, string>][] = [
      [{ at: 1_000_000 }, { at: '1970-01-01 00:00:01.000000' }],
      [{ born: 1 }, { born: '1970-01-02' }],
      [{ clock: 1 }, { clock: '00:00:00.000001' }],
      [
        { ratio: 1.5e300, ratios: [-1e-7, 0.5] },
        { ratio: '1.5e300', ratios: '[-1e-7,0.5]' },
      ],
    ];
    const bad: [Record<string, unknown>, RegExp][] = [
      // Read as JSON numbers, each of these was truncated or taken as 1.
      [{ at: 1.5 }, /^type: at is not DateTime64\(6, 'UTC'\)/],
      [{ at: true }, /^type: at is not DateTime64\(6, 'UTC'\)/],
      [{ born: 1.5 }, /^type: born is not Date32/],
      [{ clock: true }, /^type: clock is not Time64\(6\)/],
      [{ ratio: true }, /^type: ratio is not Float64/],
      [{ ratio: 'abc' }, /^type: ratio is not Float64/],
      [{ ratios: [1, false] }, /^type: ratios is not Array\(Float64\)/],
      // The engine's JSON parser reads no integer past 64 bits (Debezium writes such a double as 1.0E20): the message
      // is refused whole.
      [{ ratio: 10n ** 20n }, /^malformed JSON$/],
    ];
    await expectEachCase('plain_numbers', chain, columns, good, bad, (change) => change);
  });
});

describe('stream --replace drops only what chplan created for the chain', () => {
  it('a chain in the database default: its objects go, the user table and the database stay; a foreign object of a chain name is refused', async () => {
    const raw = JSON.parse(readFileSync('examples/experiments.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(dir, 'in-default.json'),
      JSON.stringify({ ...raw, name: 'shared', database: 'default', dictionaries: [] }),
    );
    writePlanDir(
      join(dir, 'in-default'),
      buildStreamPlan(loadStreamSpec(join(dir, 'in-default.json')), { toolVersion: TOOL_VERSION }).files,
    );
    const shared = readStreamPlan(join(dir, 'in-default'));
    await engine.command('CREATE TABLE default.keep_me (x UInt8) ENGINE = MergeTree ORDER BY x');
    await engine.command('INSERT INTO default.keep_me VALUES (7)');
    await setupChain(engine, shared, { kafka: false, dictionaries: null });
    const names = async () =>
      (
        await engine.rows<{ name: string }>("SELECT name FROM system.tables WHERE database = 'default' ORDER BY name")
      ).map((r) => r.name);
    const built = await names();
    expect(built.length).toBeGreaterThan(20);
    const dropped = await dropChain(engine, shared);
    expect(dropped.length).toBe(built.length - 2); // all but the user's table and the ledger
    expect(await names()).toEqual(['chplan_ledger', 'keep_me']);
    expect(await engine.rows('SELECT x FROM default.keep_me')).toEqual([{ x: 7 }]);
    // A table of a chain name that chplan did not create: refused, nothing dropped.
    await setupChain(engine, shared, { kafka: false, dictionaries: null });
    await engine.command('DROP TABLE default.shared_dead_letter SYNC');
    await engine.command('CREATE TABLE default.shared_dead_letter (x UInt8) ENGINE = MergeTree ORDER BY x');
    const before = await names();
    await expect(dropChain(engine, shared)).rejects.toThrow(
      /default\.shared_dead_letter has the name of an object of this chain but was not created by chplan.*Nothing was dropped/,
    );
    expect(await names()).toEqual(before);
  });

  it('stream-demo refuses to write its plan over another plan', () => {
    writePlanDir(
      join(dir, 'other-plan'),
      buildStreamPlan({ ...SPEC, name: 'other' }, { toolVersion: TOOL_VERSION }).files,
    );
    const result = runCli(['stream-demo', '--out', join(dir, 'other-plan'), '--replace'], {
      dataDir: join(dir, 'demo-data'),
    });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /holds another plan \(hash [0-9a-f]{16}\), and the demo would replace it\. Nothing was changed\. Pass --out DIR/,
    );
    expect(readStreamPlan(join(dir, 'other-plan')).manifest.spec.name).toBe('other');
  });
});

describe('stream dictionaries over a real PostgreSQL', () => {
  let source: TestPostgres;
  beforeAll(async () => {
    source = await startTestPostgres();
    await seedReferenceTables(source.connection);
  });
  afterAll(async () => source?.stop());

  it('each dictionary holds its PostgreSQL table, and dictGet answers from it', async () => {
    await setupChain(engine, plan, { kafka: false, dictionaries: source.connection });
    // Set up again: each dictionary is found with its own definition.
    await setupChain(engine, plan, { kafka: false, dictionaries: source.connection });
    expect((await dictionaryChecks(engine, plan, source.connection)).map((c) => c.status)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
    // A text key (the seed's users_dict) answers dictGet with that text.
    const [user] = await engine.rows<{ country: string }>(
      "SELECT dictGet('experiments_analytics.users_dict', 'country', tuple('user_7')) AS country",
    );
    expect(user).toEqual((await source.query("SELECT country FROM users WHERE id = 'user_7'"))[0]);
    const [{ name }] = (await engine.rows<{ name: string }>(
      "SELECT dictGet('experiments_analytics.variants_dict', 'name', toUInt64(21)) AS name",
    )) as [{ name: string }];
    const [theirs] = await source.query<{ name: string }>('SELECT name FROM variants WHERE id = 21');
    expect(name).toBe(theirs!.name);
    // UUID and composite keys: their own dictionaries, checked against PostgreSQL the same way.
    const keyed = await chainOf('keyed', (raw) => ({
      ...raw,
      views: [],
      aggregates: [],
      dictionaries: [
        {
          name: 'users_by_uid',
          table: 'users',
          key: [{ name: 'uid', type: 'UUID' }],
          attributes: [{ name: 'id', type: 'String' }],
        },
        {
          name: 'variants_by_name',
          table: 'variants',
          key: [
            { name: 'experiment_id', type: 'UInt32' },
            { name: 'name', type: 'String' },
          ],
          attributes: [{ name: 'is_control', type: 'UInt8' }],
        },
      ],
    }));
    await setupChain(engine, keyed, { kafka: false, dictionaries: source.connection });
    expect((await dictionaryChecks(engine, keyed, source.connection)).map((c) => c.detail)).toEqual([
      '10000 entries, every attribute equal',
      '6 entries, every attribute equal',
    ]);
    const [{ uid }] = (await source.query<{ uid: string }>(
      "SELECT uid::text AS uid FROM users WHERE id = 'user_42'",
    )) as [{ uid: string }];
    expect(
      await engine.rows(
        `SELECT dictGet('keyed.users_by_uid', 'id', toUUID('${uid}')) AS id, dictGet('keyed.variants_by_name', 'is_control', (toUInt32(2), 'control')) AS control`,
      ),
    ).toEqual([{ id: 'user_42', control: 1 }]);
    // No credential in any file of the plan.
    for (const file of buildStreamPlan(SPEC, { toolVersion: TOOL_VERSION }).files)
      expect(file.content).not.toContain(source.connection.password);
  });
});

describe('stream from the command line', () => {
  const chplan = (...args: string[]) =>
    runCli(args, { dataDir: join(dir, 'cli-data'), env: { PG_URL: '', PGHOST: '' } });

  it('compile, replay, run --day and validate --day work on the plan directory; bad flags and files are refused', () => {
    const out = join(dir, 'cli-plan');
    const compiled = chplan('compile', '--spec', 'examples/experiments.json', '--out', out);
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toMatch(
      /then: chplan replay .* --file DUMP\.jsonl \(builds the chain, lands the messages\), then chplan run .* --day YYYY-MM-DD/,
    );
    const lines: string[] = [];
    generateDump(
      {
        events: 500,
        users: 50,
        experiments: 3,
        seed: 5,
        duplicates: 0.1,
        badOfEachKind: 1,
        keepState: false,
        wrapper: 'payload',
      },
      (l) => lines.push(l),
    );
    writeFileSync(join(dir, 'cli-dump.jsonl'), `${lines.join('\n')}\n`);
    const replayed = chplan('replay', out, '--file', join(dir, 'cli-dump.jsonl'), '--json');
    expect(replayed.status, replayed.stderr).toBe(0);
    expect(JSON.parse(replayed.stdout)).toEqual({ landed: lines.length });
    // Without --day, validation covers every day the processed tables hold: none is rebuilt yet, so it fails.
    const stale = chplan('validate', out, '--json');
    expect(stale.status, stale.stdout).toBe(1);
    const unrebuilt = (
      JSON.parse(stale.stdout) as { days: { checks: { name: string; status: string; detail: string }[] }[] }
    ).days
      .flatMap((d) => d.checks)
      .filter((c) => c.status === 'fail' && c.name.endsWith('every day with changes rebuilt'));
    expect(unrebuilt.map((c) => c.name.split(':')[0])).toEqual(['experiment_hourly_stats', 'user_experiment_stats']);
    expect(unrebuilt[0]!.detail).toMatch(
      /^9 of 9 days hold changes .* rebuild them with chplan run .* --day 2026-09-30 --to 2026-10-08$/,
    );
    const run = chplan('run', out, '--day', '2026-09-28', '--to', '2026-10-10');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/dictionaries .* were not created/);
    expect(run.stdout).toMatch(/│ unit\s+│ status/);
    // Rebuilt a week at a time by default: one read of the latest state for seven days.
    expect(run.stdout).toMatch(/│ aggregate experiment_daily_stats, 2026-09-28..2026-10-04 +│ published +│ 27 /);
    // Without --day: set-up only, said in words rather than an empty table.
    const setUp = chplan('run', out);
    expect(setUp.status, setUp.stderr).toBe(0);
    expect(setUp.stdout).toMatch(/No unit was named, so no unit was run .* chplan run .* --day YYYY-MM-DD/);
    expect(setUp.stdout).not.toMatch(/┌/);
    // Replaying again (a redelivery, harmless) names the days to rebuild.
    const again = chplan('replay', out, '--file', join(dir, 'cli-dump.jsonl'));
    // Progress as it goes: the dump staged, then the lines landed after each block (one here).
    expect(again.stdout).toMatch(
      new RegExp(
        `^  staged ${lines.length} lines in [\\d.]+ s\\n  landed ${lines.length} of ${lines.length} lines \\([\\d.]+ s\\)$`,
        'm',
      ),
    );
    expect(again.stdout).toMatch(
      /^Landed \d+ messages from .*\. The processed tables hold days (\S+) to (\S+); rebuild their aggregates with chplan run .* --day \1 --to \2\.$/m,
    );
    const validated = chplan('validate', out, '--day', '2026-09-28', '--to', '2026-10-10', '--json');
    expect(validated.status, validated.stdout).toBe(0);
    expect(JSON.parse(validated.stdout).passed).toBe(true);
    const whole = chplan('validate', out, '--json');
    expect(whole.status, whole.stdout).toBe(0);
    expect((JSON.parse(whole.stdout) as { days: { day: string }[] }).days.map((d) => d.day)).toContain(
      'experiment_hourly_stats (2026-09-30 … 2026-10-08)',
    );
    expect(chplan('run', out, '--partition', '202610').stderr).toMatch(/rebuilds its aggregates by day/);
    expect(chplan('run', out, '--day', '2026-10-01', '--days-per-unit', '0').stderr).toMatch(
      /--days-per-unit 0 is not a whole number from 1 to 366\. Nothing was run\./,
    );
    expect(chplan('replay', out, '--file', join(dir, 'nope.jsonl')).stderr).toMatch(
      /is not a file[\s\S]*Nothing was landed/,
    );
    // An event two years back: without --day, validation would span more days than one command takes.
    const old = { id: 999_999, user_id: 'u', experiment_id: 1, variant_id: 1, event_type: 'view' };
    writeFileSync(
      join(dir, 'cli-old.jsonl'),
      `${message('events', 'c', null, { ...old, event_time: '2024-09-30T10:00:00Z', properties: '{}' })}\n`,
    );
    expect(chplan('replay', out, '--file', join(dir, 'cli-old.jsonl')).status).toBe(0);
    const span = chplan('validate', out);
    expect(span.status).toBe(2);
    expect(span.stderr).toMatch(
      /every day the chain holds: 2024-09-30 to 2026-10-08, 739 days, and one command takes at most 366\. Nothing was validated/,
    );
  });

  it('SQL from a spec that is not one SELECT is refused at compile (exit 2, one paragraph), and a second statement never runs', async () => {
    const raw = JSON.parse(readFileSync('examples/experiments.json', 'utf8')) as {
      views: { name: string; select: string }[];
      aggregates: { select: string }[];
    };
    const compile = (edit: (spec: typeof raw) => void) => {
      const spec = structuredClone(raw);
      edit(spec);
      writeFileSync(join(dir, 'hostile.json'), JSON.stringify(spec));
      return chplan('compile', '--spec', join(dir, 'hostile.json'), '--out', join(dir, 'hostile-plan'));
    };
    const injected = compile((spec) => {
      spec.views[0]!.select = 'SELECT 1 AS x; DROP DATABASE victim_db';
    });
    expect(injected.status).toBe(2);
    expect(injected.stderr).toMatch(
      /view events_with_validity: select: it holds more than one statement \(a ; at character 14\)/,
    );
    const unparsable = compile((spec) => {
      spec.aggregates[0]!.select = 'SELECT CASE WHEN experiment_id > 1 THEN 1 AS x FROM {{events_processed}}';
    });
    expect(unparsable.status).toBe(2);
    expect(unparsable.stderr).toMatch(
      /^chplan: The SQL of step \w+ \(experiment_hourly_stats\) does not parse: Parse error.*, near ".*"\. Nothing was compiled\./,
    );
    expect(unparsable.stderr.split('\n').length).toBeLessThan(4);
  });
});

describe('on a simulated three-shard cluster', () => {
  // One database per shard, each running the cluster plan's own statements (see clusterNode); messages land as the
  // plan's route sends them, each on its row's key's shard, as the Distributed route table would.
  it("routes every message to its key's shard: each key's versions, deletes and TOASTed values meet there; the aggregates, rebuilt over every shard, equal the JavaScript recomputation; a failed rebuild resumes", async () => {
    const raw = JSON.parse(readFileSync('examples/experiments-cluster.json', 'utf8')) as Record<string, unknown>;
    const shards: Shard<StreamPlan>[] = [];
    for (const i of [1, 2, 3]) {
      const db = `exs${i}`;
      writeFileSync(join(dir, `${db}.json`), JSON.stringify({ ...raw, database: db }));
      writePlanDir(
        join(dir, db),
        buildStreamPlan(loadStreamSpec(join(dir, `${db}.json`)), { toolVersion: TOOL_VERSION }).files,
      );
      shards.push({ name: db, engine: clusterNode(engine, '^exs[0-9]$'), plan: readStreamPlan(join(dir, db)) });
    }
    await runStreamOnShards(shards, { kafka: false, dictionaries: null }, { days: [] });

    const lines: string[] = [];
    const dump = generateDump(
      {
        events: 3000,
        users: 200,
        experiments: 3,
        seed: 23,
        duplicates: 0.1,
        badOfEachKind: 2,
        keepState: true,
        wrapper: 'payload',
        toast: 0.2,
      },
      (l) => lines.push(l),
    );
    const file = join(dir, 'cluster-dump.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await engine.command(
      'CREATE TABLE default.cluster_dump (seq UInt64, line String, key String) ENGINE = MergeTree ORDER BY seq',
    );
    await engine.command(
      `INSERT INTO default.cluster_dump SELECT rowNumberInAllBlocks(), line, '' FROM file(${quoteString(file)}, 'LineAsString') SETTINGS max_threads = 1`,
    );
    const route = routeKeyExpr(shards[0]!.plan.manifest.spec as StreamSpec);
    for (const [i, shard] of shards.entries())
      await engine.command(
        `INSERT INTO ${shard.name}.experiments_cluster_landing (line, key, topic) SELECT line, key, 'replay' FROM default.cluster_dump WHERE ${route} % 3 = ${i} ORDER BY seq SETTINGS max_threads = 1, max_insert_threads = 1`,
      );
    const landed = (db: string) =>
      engine.rows<{ n: string }>(`SELECT toString(count()) AS n FROM ${db}.experiments_cluster_landing`);
    const perShard = await Promise.all(shards.map(async (s) => Number((await landed(s.name))[0]!.n)));
    expect(perShard.reduce((a, b) => a + b, 0)).toBe(dump.messages);
    expect(Math.min(...perShard)).toBeGreaterThan(dump.messages / 6);

    // Each key on one shard, and the shards together hold the final state (asked directly, not through the plan).
    for (const table of ['events_processed', 'assignments_processed']) {
      const [split] = await engine.rows<{ n: string }>(
        `SELECT toString(count()) AS n FROM (SELECT id FROM merge(REGEXP('^exs[0-9]$'), '^${table}$') GROUP BY id HAVING uniqExact(_database) > 1)`,
      );
      expect(split!.n).toBe('0');
    }
    const live = await engine.rows<{ id: string; event_type: string }>(
      "SELECT toString(id) AS id, event_type FROM merge(REGEXP('^exs[0-9]$'), '^events_processed$') FINAL WHERE _deleted = 0 ORDER BY id",
    );
    expect(live.length).toBe(dump.state.events.size);
    for (const p of live) expect(p.event_type, p.id).toBe(dump.state.events.get(Number(p.id))!.event_type);
    // The live view answers for every shard on any node.
    expect(
      await engine.rows('SELECT toString(id) AS id, event_type FROM exs2.events_processed_live ORDER BY id'),
    ).toEqual(live);

    // The rebuild runs on the first shard in units of three days. The fifth day's publish (the second of the second
    // unit) fails, as a full disk would, after the unit's first day was replaced; --resume keeps the first unit and
    // rebuilds the second whole.
    const days = await daysWithData(shards[0]!.engine, shards[0]!.plan);
    expect(days.length).toBeGreaterThan(5);
    let publishes = 0;
    const fifth = (sql: string) => /REPLACE PARTITION/.test(sql) && ++publishes === 5;
    const failing = [
      {
        ...shards[0]!,
        engine: faultyEngine(shards[0]!.engine, [{ match: fifth, error: brokenDisk, times: 1 }]),
      },
      ...shards.slice(1),
    ];
    await expect(runStreamOnShards(failing, null, { days, daysPerUnit: 3 })).rejects.toThrow(/No space left on device/);
    const resumed = await runStreamOnShards(shards, null, { days, daysPerUnit: 3, resume: true });
    expect(resumed.map((g) => g.shard)).toEqual(['exs1']);
    expect(
      resumed[0]!.units.every((u) => u.status === 'published' || u.status === 'skipped' || u.status === 'empty'),
    ).toBe(true);
    expect(resumed[0]!.units.some((u) => u.status === 'skipped')).toBe(true);
    await expectAggregatesExact('exs1', dump.state);
    // A reporting view on another shard reads the aggregates of every shard.
    const performance = await engine.rows<{ k: string; events: string }>(
      "SELECT concat(toString(experiment_id), '|', toString(variant_id)) AS k, toString(events) AS events FROM exs2.experiment_performance ORDER BY k",
    );
    const perVariant = new Map<string, number>();
    for (const [key, row] of expected(dump.state).hourly) {
      const k = key.split('|').slice(1).join('|');
      perVariant.set(k, (perVariant.get(k) ?? 0) + row.events);
    }
    expect(performance.map((r) => [r.k, Number(r.events)])).toEqual([...perVariant].sort());

    const splitKeys = async (table: string) => {
      const [row] = await engine.rows<{ n: string; example: string }>(
        `SELECT toString(count()) AS n, any(toString(id)) AS example FROM (SELECT id FROM merge(REGEXP('^exs[0-9]$'), '^${table}$') GROUP BY id HAVING uniqExact(_database) > 1)`,
      );
      return { count: Number(row!.n), example: row!.example };
    };
    const validation = await validateStreamOnShards(shards, splitKeys, days);
    const failed = [...validation.shards.flatMap((s) => s.report.days), ...validation.total].flatMap((d) =>
      d.checks.filter((c) => c.status === 'fail').map((c) => `${d.day} ${c.name}: ${c.detail}`),
    );
    expect(failed).toEqual([]);
  });

  it('the committed cluster plan is exactly what the compiler produces', () => {
    const files = buildStreamPlan(loadStreamSpec('examples/experiments-cluster.json'), {
      toolVersion: TOOL_VERSION,
    }).files;
    const committed = readdirSync('generated-sql/experiments_cluster', { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => relative('generated-sql/experiments_cluster', join(f.parentPath, f.name)));
    expect(files.map((f) => f.name).sort()).toEqual(committed.sort());
    for (const file of files)
      expect(file.content, file.name).toBe(readFileSync(join('generated-sql/experiments_cluster', file.name), 'utf8'));
  });
});
