import { readFileSync } from 'node:fs';
import { readSpecFile } from '../../../config/spec-file.js';
import type { TableRef } from '../../../config/settings.js';
import { tableOrThrow } from '../../../config/load.js';
import { schemaErrors } from '../../../config/validate-json.js';
import { tableReferences } from '../../../core/table-references.js';
import { fragmentProblem } from '../../../core/sql-fragment.js';
import { ConfigError } from '../../../core/errors.js';
import { clusterFlag } from '../../../config/cli-options.js';
import { packagePath } from '../../../core/package-path.js';

const SCHEMA = JSON.parse(readFileSync(packagePath('schemas/stream.schema.json'), 'utf8')) as object;

export const DEFAULT_STREAM_SPEC = 'examples/experiments.json';

export interface StreamColumn {
  name: string;
  path: string;
  json?: string;
  type: string;
  encoding?:
    | 'iso8601'
    | 'epoch_millis'
    | 'epoch_micros'
    | 'epoch_nanos'
    | 'epoch_days'
    | 'time_millis'
    | 'time_micros'
    | 'time_nanos'
    | 'base64'
    | 'variable_scale';
  optional?: boolean;
}

export interface StreamTable {
  name: string;
  source: string;
  key: string[];
  /** The column whose day a row belongs to; a table without one (a dimension) feeds no day. */
  time?: string;
  columns: StreamColumn[];
  computed: { name: string; type: string; expr: string }[];
}

export interface StreamAggregate {
  name: string;
  description: string;
  time: string;
  key: string[];
  rollupOf?: string;
  select: string;
}

/** How many messages land at a time: what a replay inserts as one block, and a Kafka table's flush by default. */
export const LANDING_BLOCK_ROWS = 65_536;

export interface StreamSpec {
  kind: 'stream';
  name: string;
  database: string;
  ledger: TableRef;
  kafka: {
    brokers: string;
    topics: string[];
    group: string;
    consumers: number;
    /** The most messages a flush hands to the views as one block (kafka_max_block_size). */
    maxBlockSize: number;
  } | null;
  envelope: { wrapper: 'payload' | 'none'; version: 'lsn' | 'ts_ms' };
  tables: StreamTable[];
  aggregates: StreamAggregate[];
  dictionaries: {
    name: string;
    table: string;
    /** The key's columns: one UInt64 (HASHED), or any others (COMPLEX_KEY_HASHED). */
    key: { name: string; type: string }[];
    attributes: { name: string; type: string }[];
    lifetimeSeconds: number;
  }[];
  views: { name: string; select: string }[];
  /** The ClickHouse cluster the chain runs on, or null for one server. */
  cluster: string | null;
}

/** The view over a processed table's latest state, `<table>_live`. Pure. */
export function liveViewName(table: Pick<StreamTable, 'name'>): string {
  return `${table.name}_live`;
}

/** The type without LowCardinality. */
export function base(type: string): string {
  return type.replace(/^LowCardinality\((.*)\)$/, '$1');
}

/** Digits after the second a Debezium epoch encoding carries. */
export const EPOCH_DIGITS: Record<string, number> = { epoch_millis: 3, epoch_micros: 6, epoch_nanos: 9 };

/** Digits after the second a Debezium time of day (a count since midnight) carries. */
export const TIME_DIGITS: Record<string, number> = { time_millis: 3, time_micros: 6, time_nanos: 9 };

/** Whether values in this encoding can become this type (digits aside). Pure. */
export function encodingApplies(encoding: string, type: string): boolean {
  const t = base(type);
  if (encoding === 'base64') return /^(Decimal|String$)/.test(t);
  if (encoding === 'variable_scale') return /^Decimal/.test(t);
  if (encoding in EPOCH_DIGITS) return /^DateTime64/.test(t);
  if (encoding in TIME_DIGITS) return /^Time64/.test(t);
  if (encoding === 'epoch_days') return /^Date(32)?$/.test(t);
  if (encoding === 'iso8601') return /^(Date|Date32|DateTime64.*|Time64.*)$/.test(t);
  return true;
}

/** The digits after the second an encoding carries and the type keeps, where both are counted; else undefined. */
export function digitsOf(encoding: string, type: string): { sent: number; kept: number } | undefined {
  const sent = EPOCH_DIGITS[encoding] ?? TIME_DIGITS[encoding];
  const kept = /^(?:DateTime64|Time64)\((\d)/.exec(base(type))?.[1];
  return sent === undefined || kept === undefined ? undefined : { sent, kept: Number(kept) };
}

/** What each encoding applies to, for the message that refuses it elsewhere. */
const APPLIES_TO: Record<NonNullable<StreamColumn['encoding']>, string> = {
  base64: "(Debezium's bytes: a bytea, a precise decimal) applies to a String or a Decimal",
  variable_scale: "(Debezium's precise decimals) applies to a Decimal",
  epoch_millis: '(a Debezium timestamp) applies to a DateTime64',
  epoch_micros: '(a Debezium timestamp) applies to a DateTime64',
  epoch_nanos: '(a Debezium timestamp) applies to a DateTime64',
  epoch_days: '(a Debezium date) applies to a Date',
  time_millis: '(a Debezium time of day) applies to a Time64',
  time_micros: '(a Debezium time of day) applies to a Time64',
  time_nanos: '(a Debezium time of day) applies to a Time64',
  iso8601: 'applies to a date, a DateTime64 or a Time64',
};

/** Why a column's encoding cannot give its type exactly, or null. Pure. */
export function encodingProblem(c: StreamColumn): string | null {
  const e = c.encoding;
  if (!e) return null;
  if (!encodingApplies(e, c.type)) return `encoding ${e} ${APPLIES_TO[e]}`;
  if ((e === 'base64' || e === 'variable_scale') && Number(/^Decimal\((\d+)/.exec(c.type)?.[1] ?? 0) > 38)
    return `${e} decimals are read through Int128, up to Decimal(38, S)`;
  const digits = digitsOf(e, c.type);
  if (digits && digits.kept < digits.sent) {
    const [kind, zone] = e in EPOCH_DIGITS ? ['DateTime64', ", 'UTC'"] : ['Time64', ''];
    return `encoding ${e} carries ${digits.sent} digits after the second, which ${kind}(${digits.kept}) would drop; use ${kind}(${digits.sent}${zone})`;
  }
  return null;
}

export function loadStreamSpec(path: string): StreamSpec {
  return streamSpecOf(readSpecFile(path, `The demo's spec is ${DEFAULT_STREAM_SPEC}.`), path);
}

/**
 * A stream spec checked against schemas/stream.schema.json and for consistency: names used
 * once, keys and times among the columns, references to tables and earlier aggregates. Pure.
 */
export function streamSpecOf(raw: Record<string, unknown>, path = 'spec'): StreamSpec {
  const errors = schemaErrors(SCHEMA, raw);
  if (errors.length > 0)
    throw new ConfigError(
      `The stream spec ${path} is invalid; nothing was compiled:\n  ${errors.join('\n  ')}\nSee schemas/stream.schema.json.`,
    );
  const r = raw as Partial<Omit<StreamSpec, 'dictionaries'>> & {
    dictionaries?: (Omit<StreamSpec['dictionaries'][number], 'key'> & {
      key: string | StreamSpec['dictionaries'][number]['key'];
    })[];
    tables: StreamTable[];
    envelope?: Partial<StreamSpec['envelope']>;
    kafka?: Partial<NonNullable<StreamSpec['kafka']>>;
  };
  const name = r.name as string;
  const database = r.database ?? name;
  const tables = r.tables.map((t) => ({ ...t, computed: t.computed ?? [] }));
  const aggregates = (r.aggregates ?? []).map((a) => ({ ...a, description: a.description ?? '' }));
  const problems: string[] = [];
  const objects = [
    ...tables.flatMap((t) => [t.name, liveViewName(t)]),
    ...aggregates.map((a) => a.name),
    ...(r.dictionaries ?? []).map((d) => d.name),
    ...(r.views ?? []).map((v) => v.name),
  ];
  for (const n of new Set(objects.filter((o, i) => objects.indexOf(o) !== i)))
    problems.push(
      `${n} is named twice (tables, their _live views, aggregates, dictionaries and views share the database)`,
    );
  const sources = tables.map((t) => t.source);
  for (const s of new Set(sources.filter((o, i) => sources.indexOf(o) !== i)))
    problems.push(`source table ${s} feeds two processed tables`);
  for (const t of tables) {
    const names = [...t.columns.map((c) => c.name), ...t.computed.map((c) => c.name)];
    for (const n of new Set(names.filter((o, i) => names.indexOf(o) !== i)))
      problems.push(`${t.name}: column ${n} is named twice`);
    for (const k of t.key)
      if (!t.columns.some((c) => c.name === k)) problems.push(`${t.name}: key column ${k} is not among its columns`);
    for (const k of t.key)
      if (t.columns.find((c) => c.name === k)?.optional) problems.push(`${t.name}: key column ${k} cannot be optional`);
    const time = t.columns.find((c) => c.name === t.time);
    if (t.time === undefined) {
      // A dimension: no day.
    } else if (!time) problems.push(`${t.name}: time column ${t.time} is not among its columns`);
    else if (!/^(Date|Date32|DateTime64)/.test(time.type))
      problems.push(`${t.name}: time column ${t.time} is ${time.type}, not a date or DateTime64`);
    for (const c of t.columns) {
      const problem = encodingProblem(c);
      if (problem) problems.push(`${t.name}: column ${c.name} is ${c.type}; ${problem}`);
    }
    for (const n of names)
      if (n.startsWith('_'))
        problems.push(`${t.name}: column ${n} starts with _, which chplan reserves (_version, _deleted, …)`);
  }
  const fragments = [
    ...tables.flatMap((t) =>
      t.computed.map((c) => ({
        what: `${t.name}: computed column ${c.name}`,
        sql: c.expr,
        shape: 'expression' as const,
      })),
    ),
    ...aggregates.map((a) => ({ what: `aggregate ${a.name}: select`, sql: a.select, shape: 'select' as const })),
    ...(r.views ?? []).map((v) => ({ what: `view ${v.name}: select`, sql: v.select, shape: 'select' as const })),
  ];
  for (const f of fragments) {
    const problem = fragmentProblem(f.sql, f.shape, 'clickhouse');
    if (problem) problems.push(`${f.what}: ${problem}`);
  }
  const known = new Set(tables.map((t) => t.name));
  const timeless = new Set(tables.filter((t) => t.time === undefined).map((t) => t.name));
  for (const a of aggregates) {
    for (const ref of tableReferences(a.select))
      if (ref.window && timeless.has(ref.name))
        problems.push(
          `aggregate ${a.name} reads {{${ref.name}:window}}, but ${ref.name} has no time column: read it whole ({{${ref.name}}}) or give it a "time"`,
        );
      else if (!known.has(ref.name))
        problems.push(
          `aggregate ${a.name} refers to {{${ref.name}}}, which is neither a processed table nor an aggregate defined before it`,
        );
    if (!a.key.includes(a.time))
      problems.push(`aggregate ${a.name}: its time column ${a.time} must be part of its key`);
    if (a.rollupOf && !aggregates.slice(0, aggregates.indexOf(a)).some((b) => b.name === a.rollupOf))
      problems.push(`aggregate ${a.name} is a rollup of ${a.rollupOf}, which is not an aggregate defined before it`);
    known.add(a.name);
  }
  for (const v of r.views ?? [])
    for (const ref of tableReferences(v.select))
      if (!known.has(ref.name) || ref.window)
        problems.push(
          `view ${v.name} refers to {{${ref.name}${ref.window ? ':window' : ''}}}, which is not a processed table or aggregate (views take no window)`,
        );
  if (problems.length > 0)
    throw new ConfigError(`The stream spec ${path} is inconsistent; nothing was compiled:\n  ${problems.join('\n  ')}`);
  return {
    kind: 'stream',
    name,
    database,
    ledger: r.ledger ? tableOrThrow('ledger', r.ledger as unknown as string) : { database, name: 'chplan_ledger' },
    cluster: r.cluster ?? null,
    kafka: r.kafka
      ? {
          brokers: r.kafka.brokers!,
          topics: r.kafka.topics!,
          group: r.kafka.group!,
          consumers: r.kafka.consumers ?? 1,
          maxBlockSize: r.kafka.maxBlockSize ?? LANDING_BLOCK_ROWS,
        }
      : null,
    envelope: { wrapper: r.envelope?.wrapper ?? 'payload', version: r.envelope?.version ?? 'lsn' },
    tables,
    aggregates,
    dictionaries: (r.dictionaries ?? []).map((d) => ({
      ...d,
      key: typeof d.key === 'string' ? [{ name: d.key, type: 'UInt64' }] : d.key,
      lifetimeSeconds: d.lifetimeSeconds ?? 300,
    })),
    views: r.views ?? [],
  };
}

/** The spec with `--cluster NAME` on top (checked as the spec's "cluster" is). */
export function withCluster(spec: StreamSpec, cluster: string | undefined): StreamSpec {
  return cluster === undefined ? spec : { ...spec, cluster: clusterFlag(cluster) };
}
