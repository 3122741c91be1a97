import { quoteString, quoteTable } from '../../../core/quote.js';
import type { TableRef } from '../../../config/settings.js';

/**
 * SQL that fills Langfuse's traces and observations for one month server-side from
 * `numbers()`, with what production data has: several unmerged versions of a row, deleted
 * rows, traces that started in the previous month, observations whose trace does not exist,
 * big metadata maps, and all projects interleaved. Every value derives from hashes of
 * (seed, row), so the same arguments give the same data. Pure: no client, no I/O.
 */
export interface LangfuseSeed {
  traces: TableRef;
  observations: TableRef;
  /** `YYYY-MM`. */
  month: string;
  observationCount: number;
  traceCount: number;
  seed: number;
  projects: number;
}

/** Month start and end as DateTime64(3) literals in UTC. */
function bounds(month: string): { start: string; end: string; ms: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1);
  const end = Date.UTC(y, m, 1);
  const text = (t: number) =>
    `toDateTime64(${quoteString(new Date(t).toISOString().slice(0, 19).replace('T', ' '))}, 3, 'UTC')`;
  return { start: text(start), end: text(end), ms: end - start };
}

const h = (seed: number, salt: string, row: string) => `cityHash64(${seed}, ${quoteString(salt)}, ${row})`;

/** The expressions every row of trace number `i` agrees on (so observations can name their trace without a join). */
function traceKey(s: LangfuseSeed, i: string): { id: string; project: string; timestamp: string } {
  const b = bounds(s.month);
  return {
    id: `concat('tr-', lower(hex(${h(s.seed, 'trace', i)})))`,
    project: `concat('proj-', leftPad(toString(${h(s.seed, 'project', i)} % ${s.projects}), 2, '0'))`,
    // 3% of traces started in the last day of the previous month; the rest leave an hour
    // at the end of the month so their observations stay in it.
    timestamp: `if(${h(s.seed, 'prev', i)} % 100 < 3, ${b.start} - toIntervalMillisecond(1 + ${h(s.seed, 'ts', i)} % 86400000), ${b.start} + toIntervalMillisecond(${h(s.seed, 'ts', i)} % ${b.ms - 3_600_000}))`,
  };
}

const TRACE_COLUMNS =
  'id, timestamp, name, user_id, metadata, release, version, project_id, environment, public, bookmarked, tags, input, output, session_id, created_at, updated_at, event_ts, is_deleted';

/** Version 1 of every trace, then updates (20%) and deletions (2%) as separate inserts (separate parts). */
export function traceInserts(s: LangfuseSeed): string[] {
  const k = traceKey(s, 'number');
  const r = (salt: string) => h(s.seed, salt, 'number');
  const bigMetadata = `mapFromArrays(arrayMap(x -> concat('attr_', toString(x)), range(50)), arrayMap(x -> repeat(lower(hex(cityHash64(number, x))), 6), range(50)))`;
  const smallMetadata = `map('tenant', concat('t', toString(${r('tenant')} % 40)), 'sdk', arrayElement(['python', 'js', 'otel'], ${r('sdk')} % 3 + 1), 'region', arrayElement(['eu', 'us'], ${r('region')} % 2 + 1))`;
  const v1 = `INSERT INTO ${quoteTable(s.traces)} (${TRACE_COLUMNS})
SELECT ${k.id}, ${k.timestamp} AS ts,
  arrayElement(['chat', 'rag-query', 'agent-run', 'summarize', 'classify', 'embed'], ${r('name')} % 6 + 1),
  if(${r('user')} % 10 = 0, NULL, concat('user-', toString(${r('user')} % 5000))),
  mapUpdate(if(${r('big')} % 100 < 5, ${bigMetadata}, ${smallMetadata}), if(${r('otel')} % 10 < 3, map('resourceAttributes', '{"service.name":"api"}'), map())),
  if(${r('release')} % 4 = 0, NULL, concat('1.', toString(${r('release')} % 20))),
  if(${r('version')} % 3 = 0, NULL, concat('v', toString(${r('version')} % 7))),
  ${k.project},
  arrayElement(['default', 'production', 'staging'], ${r('env')} % 3 + 1),
  ${r('public')} % 10 = 0, ${r('bookmarked')} % 20 = 0,
  arrayMap(x -> arrayElement(['prod', 'eval', 'beta', 'cli', 'api'], (cityHash64(number, 'tag', x) % 5) + 1), range(${r('tags')} % 3)),
  concat('question ', toString(number)), concat('answer ', toString(number)),
  if(${r('session')} % 3 = 0, NULL, concat('sess-', toString(${r('session')} % ${Math.max(1, Math.floor(s.traceCount / 5))}))),
  ts, ts, ts + toIntervalSecond(1), 0
FROM numbers(${s.traceCount})`;
  // An update re-sends the whole trace with new values and a later event_ts (same sorting key).
  const updated = `INSERT INTO ${quoteTable(s.traces)} (${TRACE_COLUMNS})
SELECT id, timestamp, name, concat('user-', toString(cityHash64(id, 'moved') % 5000)), mapUpdate(metadata, map('updated', '1')), release, version, project_id, environment, public, NOT bookmarked,
  arrayConcat(tags, ['updated']), input, output, session_id, created_at, updated_at + toIntervalSecond(60), event_ts + toIntervalSecond(60), 0
FROM ${quoteTable(s.traces)}
WHERE cityHash64(${s.seed}, 'update', id) % 100 < 20 AND event_ts = timestamp + toIntervalSecond(1) AND (project_id, id) IN (SELECT ${k.project}, ${k.id} FROM numbers(${s.traceCount}))`;
  const deleted = `INSERT INTO ${quoteTable(s.traces)} (${TRACE_COLUMNS})
SELECT id, timestamp, name, user_id, metadata, release, version, project_id, environment, public, bookmarked, tags, input, output, session_id, created_at, updated_at, event_ts + toIntervalSecond(120), 1
FROM ${quoteTable(s.traces)}
WHERE cityHash64(${s.seed}, 'delete', id) % 100 < 2 AND event_ts = timestamp + toIntervalSecond(1) AND (project_id, id) IN (SELECT ${k.project}, ${k.id} FROM numbers(${s.traceCount}))`;
  // A later version that moved the trace two days on (a new row for the table's key: both stay).
  const moved = `INSERT INTO ${quoteTable(s.traces)} (${TRACE_COLUMNS})
SELECT id, timestamp + toIntervalDay(2), concat(name, ' (moved)'), user_id, metadata, release, version, project_id, environment, public, bookmarked, tags, input, output, session_id, created_at, updated_at, event_ts + toIntervalSecond(90), 0
FROM ${quoteTable(s.traces)}
WHERE cityHash64(${s.seed}, 'tmove', id) % 100 < 2 AND event_ts = timestamp + toIntervalSecond(1) AND (project_id, id) IN (SELECT ${k.project}, ${k.id} FROM numbers(${s.traceCount}))`;
  // The same trace id in another project (ids are the client's): never the other project's trace.
  const twin = `INSERT INTO ${quoteTable(s.traces)} (${TRACE_COLUMNS})
SELECT id, timestamp, concat(name, ' (twin)'), 'twin-user', metadata, release, version, concat(project_id, '-twin'), environment, public, bookmarked, tags, input, output, session_id, created_at, updated_at, event_ts + toIntervalSecond(5), 0
FROM ${quoteTable(s.traces)}
WHERE cityHash64(${s.seed}, 'twin', id) % 100 < 1 AND event_ts = timestamp + toIntervalSecond(1) AND (project_id, id) IN (SELECT ${k.project}, ${k.id} FROM numbers(${s.traceCount}))`;
  return [v1, updated, deleted, moved, twin];
}

/**
 * Dataset run items naming 2% of the traces: Langfuse's backfill leaves those traces to the one that writes
 * experiments.
 */
export function datasetRunItemInserts(s: LangfuseSeed, table: TableRef): string[] {
  const k = traceKey(s, 'number');
  return [
    `INSERT INTO ${quoteTable(table)} (id, project_id, dataset_run_id, dataset_item_id, dataset_id, trace_id, dataset_run_name, dataset_run_created_at, event_ts, is_deleted)
SELECT concat('dri-', toString(number)), ${k.project}, 'run-1', concat('item-', toString(number)), 'dataset-1', ${k.id}, 'run 1', ${k.timestamp}, ${k.timestamp}, 0
FROM numbers(${s.traceCount})
WHERE ${h(s.seed, 'dri', 'number')} % 100 < 2`,
  ];
}

const OBS_COLUMNS =
  'id, trace_id, project_id, environment, type, parent_observation_id, start_time, end_time, name, metadata, level, status_message, version, input, output, provided_model_name, internal_model_id, model_parameters, provided_usage_details, usage_details, provided_cost_details, cost_details, total_cost, completion_start_time, prompt_id, prompt_name, prompt_version, usage_pricing_tier_id, usage_pricing_tier_name, tool_definitions, tool_calls, tool_call_names, created_at, updated_at, event_ts, is_deleted';
/** Every observation column but the engine's own, in OBS_COLUMNS order, for rows re-sent with a few changed. */
const RESEND = (changes: Record<string, string>) =>
  OBS_COLUMNS.split(', ')
    .map((c) => changes[c] ?? c)
    .join(', ');

/** Version 1 of every observation, then two rounds of updates (30%, 5%) and deletions (2%), each its own insert. */
export function observationInserts(s: LangfuseSeed): string[] {
  const b = bounds(s.month);
  const r = (salt: string) => h(s.seed, salt, 'number');
  // Popular traces get many observations: the trace index is skewed towards small numbers.
  const ti = `toUInt64(floor(pow((${r('trace')} % 1000000) / 1000000, 2) * ${s.traceCount}))`;
  const t = traceKey(s, ti);
  const orphan = `${r('orphan')} % 100 < 2`;
  const start = `if(${orphan}, ${b.start} + toIntervalMillisecond(${r('ots')} % ${b.ms}), greatest(${t.timestamp}, ${b.start}) + toIntervalMillisecond(${r('ots')} % 1800000))`;
  const usage = (salt: string) => `(${r(salt)} % 4000)`;
  const v1 = `INSERT INTO ${quoteTable(s.observations)} (${OBS_COLUMNS})
SELECT id, trace_id, project_id, environment, type, parent_observation_id, st, st + toIntervalMillisecond(${r('dur')} % 20000), name, metadata, level, status_message, version, input, output,
  provided_model_name, internal_model_id, model_parameters, usage, usage, cost, cost, cost['total'], if(type = 'GENERATION', st + toIntervalMillisecond(300), NULL),
  prompt_id, prompt_name, prompt_version,
  if(type = 'GENERATION' AND ${r('tier')} % 100 < 7, concat('tier-', toString(${r('tier')} % 3)), NULL), if(type = 'GENERATION' AND ${r('tier')} % 100 < 7, concat('Tier ', toString(${r('tier')} % 3)), NULL),
  if(type = 'GENERATION' AND ${r('tool')} % 100 < 5, map('search', '{"type":"function"}'), map()), if(type = 'GENERATION' AND ${r('tool')} % 100 < 5, ['{"name":"search","arguments":"{}"}'], []), if(type = 'GENERATION' AND ${r('tool')} % 100 < 5, ['search'], []),
  st, st, st + toIntervalSecond(1), 0
FROM
(
  SELECT number,
    if(${r('root')} % 100 < 1, trace_id, concat('obs-', lower(hex(${r('id')})))) AS id,
    if(${orphan}, concat('tr-orphan-', toString(number)), ${t.id}) AS trace_id,
    -- 1% of observations are their trace's root (id = trace_id): Langfuse gives them no parent.
    if(${orphan}, concat('proj-', leftPad(toString(${r('oproject')} % ${s.projects}), 2, '0')), ${t.project}) AS project_id,
    arrayElement(['default', 'production', 'staging'], ${r('env')} % 3 + 1) AS environment,
    arrayElement(['SPAN', 'GENERATION', 'EVENT'], ${r('type')} % 3 + 1) AS type,
    multiIf(${r('parent')} % 4 = 0, NULL, ${r('parent')} % 20 = 1, '', concat('obs-parent-', toString(${r('parent')} % 100000))) AS parent_observation_id,
    ${start} AS st,
    arrayElement(['llm-call', 'retrieve', 'tool', 'parse', 'rerank'], ${r('name')} % 5 + 1) AS name,
    mapUpdate(map('step', toString(${r('step')} % 10), 'region', arrayElement(['eu', 'us', 'ap'], ${r('region')} % 3 + 1)), if(${r('otel')} % 10 < 4, map('resourceAttributes', '{"service.name":"worker"}'), map())) AS metadata,
    arrayElement(['DEFAULT', 'DEFAULT', 'DEBUG', 'WARNING', 'ERROR'], ${r('level')} % 5 + 1) AS level,
    if(${r('status')} % 5 = 0, 'rate limited', NULL) AS status_message,
    if(${r('oversion')} % 2 = 0, NULL, concat('ov', toString(${r('oversion')} % 5))) AS version,
    repeat(concat('prompt text ', toString(number), ' '), 1 + ${r('len')} % 8) AS input,
    repeat(concat('completion ', toString(number), ' '), 1 + ${r('len2')} % 8) AS output,
    if(type = 'GENERATION', arrayElement(['gpt-4o', 'claude-3-5-sonnet', 'llama-3-70b'], ${r('model')} % 3 + 1), NULL) AS provided_model_name,
    if(type = 'GENERATION', concat('model-', toString(${r('model')} % 3)), NULL) AS internal_model_id,
    if(type = 'GENERATION', '{"temperature":0.2}', NULL) AS model_parameters,
    if(type = 'GENERATION', map('input', ${usage('in')}, 'output', ${usage('out')}, 'total', ${usage('in')} + ${usage('out')}), map()) AS usage,
    if(type = 'GENERATION', map('input', toDecimal64(${usage('in')} / 1000000, 12), 'output', toDecimal64(${usage('out')} * 3 / 1000000, 12), 'total', toDecimal64((${usage('in')} + ${usage('out')} * 3) / 1000000, 12)), map()) AS cost,
    if(type = 'GENERATION' AND ${r('prompt')} % 2 = 0, concat('prompt-', toString(${r('prompt')} % 30)), NULL) AS prompt_id,
    if(prompt_id IS NULL, NULL, concat('prompt ', toString(${r('prompt')} % 30))) AS prompt_name,
    if(prompt_id IS NULL, NULL, toUInt16(${r('prompt')} % 4 + 1)) AS prompt_version
  FROM numbers(${s.observationCount})
)`;
  const again = (
    salt: string,
    pct: number,
    after: number,
    fromVersion: number,
  ) => `INSERT INTO ${quoteTable(s.observations)} (${OBS_COLUMNS})
SELECT ${RESEND({ end_time: `end_time + toIntervalSecond(${after})`, metadata: `mapUpdate(metadata, map('revision', '${after}'))`, output: "concat(output, ' (revised)')", usage_details: 'mapApply((k, v) -> (k, v + 10), usage_details)', updated_at: `updated_at + toIntervalSecond(${after})`, event_ts: `start_time + toIntervalSecond(${after})`, is_deleted: '0' })}
FROM ${quoteTable(s.observations)}
WHERE cityHash64(${s.seed}, ${quoteString(salt)}, id) % 100 < ${pct} AND event_ts = start_time + toIntervalSecond(${fromVersion})
  AND start_time >= ${b.start} AND start_time < ${b.end}`;
  const deleted = `INSERT INTO ${quoteTable(s.observations)} (${OBS_COLUMNS})
SELECT ${RESEND({ event_ts: 'start_time + toIntervalSecond(90)', is_deleted: '1' })}
FROM ${quoteTable(s.observations)}
WHERE cityHash64(${s.seed}, 'odelete', id) % 100 < 2 AND event_ts = start_time + toIntervalSecond(1)
  AND start_time >= ${b.start} AND start_time < ${b.end}`;
  const inMonth = `start_time >= ${b.start} AND start_time < ${b.end}`;
  // The same event_ts re-sent with another output, in a later insert: the later one wins, as in a merge.
  const sameTs = `INSERT INTO ${quoteTable(s.observations)} (${OBS_COLUMNS})
SELECT ${RESEND({ output: "concat(output, ' (same event_ts, later insert)')" })}
FROM ${quoteTable(s.observations)}
WHERE cityHash64(${s.seed}, 'samets', id) % 100 < 3 AND event_ts = start_time + toIntervalSecond(60) AND is_deleted = 0 AND ${inMonth}`;
  // 30% of deleted observations come back (an undelete re-sends the row, later).
  const undeleted = `INSERT INTO ${quoteTable(s.observations)} (${OBS_COLUMNS})
SELECT ${RESEND({ event_ts: 'start_time + toIntervalSecond(150)', is_deleted: '0', name: "concat(name, ' (restored)')" })}
FROM ${quoteTable(s.observations)}
WHERE cityHash64(${s.seed}, 'undelete', id) % 100 < 30 AND is_deleted = 1 AND ${inMonth}`;
  // 4% move 1-3 days on (a new row for the table's key; some into the next month), a later version.
  const moved = `INSERT INTO ${quoteTable(s.observations)} (${OBS_COLUMNS})
SELECT ${RESEND({ start_time: `start_time + toIntervalHour(24 + cityHash64(id, 'mv') % 48)`, end_time: `end_time + toIntervalHour(24 + cityHash64(id, 'mv') % 48)`, event_ts: 'event_ts + toIntervalSecond(200)', name: "concat(name, ' (moved)')" })}
FROM ${quoteTable(s.observations)}
WHERE cityHash64(${s.seed}, 'move', id) % 100 < 4 AND event_ts = start_time + toIntervalSecond(1) AND is_deleted = 0 AND ${inMonth}`;
  // A fifth of the moved ones are then deleted at their new time.
  const movedDeleted = `INSERT INTO ${quoteTable(s.observations)} (${OBS_COLUMNS})
SELECT ${RESEND({ event_ts: 'event_ts + toIntervalSecond(100)', is_deleted: '1' })}
FROM ${quoteTable(s.observations)}
WHERE cityHash64(${s.seed}, 'mvdel', id) % 100 < 20 AND endsWith(name, ' (moved)') AND is_deleted = 0`;
  return [
    v1,
    again('update', 30, 30, 1),
    again('update2', 17, 60, 30),
    deleted,
    sameTs,
    undeleted,
    moved,
    movedDeleted,
  ];
}
