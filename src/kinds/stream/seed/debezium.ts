/**
 * A deterministic Debezium change stream of the seed's experiments (assignments and events), shaped as the
 * PostgreSQL connector sends it by default: snapshot reads, inserts, updates (10%) without `before`, deletes (2%)
 * whose `before` holds the key and fallback values (REPLICA IDENTITY DEFAULT), NUMERIC revenue as base64 bytes
 * (decimal.handling.mode=precise), a tombstone after each delete, keyed messages in 3 partitions read interleaved
 * (a key's messages in order, partitions in any order), redelivered messages, and bad messages of every kind the
 * chain must dead-letter. Test and demo data: it is generated here, then replayed into the landing table like a
 * Kafka topic.
 */

export interface DumpOptions {
  events: number;
  users: number;
  experiments: number;
  seed: number;
  /** Share of messages delivered a second time, later (at-least-once). */
  duplicates: number;
  /** Bad messages added, of each kind. */
  badOfEachKind: number;
  /** Keep the final row states (for tests); off for large dumps. */
  keepState: boolean;
  wrapper: 'payload' | 'none';
  /**
   * Share of updates that leave `properties` unchanged, sent as Debezium sends an unchanged TOASTed column under
   * REPLICA IDENTITY DEFAULT: `__debezium_unavailable_value`. 0 by default.
   */
  toast?: number;
  /**
   * Truncate the events table once, two thirds of the way through (sent only with skipped.operations=none; a
   * default connector skips truncates). Off by default.
   */
  truncate?: boolean;
}

export type Row = Record<string, unknown>;

export interface DumpResult {
  messages: number;
  /** Messages delivered a second time. */
  redelivered: number;
  /** The final state of each table by key (deleted keys absent), when keepState. */
  state: { events: Map<number, Row>; assignments: Map<number, Row> };
  /** Bad messages by the reason the chain should give (prefix). */
  bad: Record<string, number>;
  deletesOfUnseenKeys: number;
  /** Tombstones sent (an empty message after each delete, Debezium's default), redeliveries included. */
  tombstones: number;
  /** Truncate messages sent, redeliveries included. */
  truncates: number;
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The value schema the JSON converter sends with each message when schemas.enable is on (the default), as the
 * PostgreSQL connector builds it: before and after as the table's row, the source block, op, ts_ms, transaction.
 */
function valueSchema(table: string, columns: Record<string, unknown>[]): object {
  const row = (field: string) => ({
    type: 'struct',
    fields: columns,
    optional: true,
    name: `pg.public.${table}.Value`,
    field,
  });
  const f = (field: string, type: string, extra: Record<string, unknown> = {}) => ({
    type,
    optional: false,
    field,
    ...extra,
  });
  return {
    type: 'struct',
    fields: [
      row('before'),
      row('after'),
      {
        type: 'struct',
        fields: [
          f('version', 'string'),
          f('connector', 'string'),
          f('name', 'string'),
          f('ts_ms', 'int64'),
          {
            ...f('snapshot', 'string'),
            optional: true,
            name: 'io.debezium.data.Enum',
            version: 1,
            parameters: { allowed: 'true,last,false,incremental' },
            default: 'false',
          },
          f('db', 'string'),
          { ...f('sequence', 'string'), optional: true },
          f('schema', 'string'),
          f('table', 'string'),
          { ...f('txId', 'int64'), optional: true },
          { ...f('lsn', 'int64'), optional: true },
          { ...f('xmin', 'int64'), optional: true },
        ],
        optional: false,
        name: 'io.debezium.connector.postgresql.Source',
        field: 'source',
      },
      f('op', 'string'),
      { ...f('ts_ms', 'int64'), optional: true },
      {
        type: 'struct',
        fields: [f('id', 'string'), f('total_order', 'int64'), f('data_collection_order', 'int64')],
        optional: true,
        name: 'event.block',
        version: 1,
        field: 'transaction',
      },
    ],
    optional: false,
    name: `pg.public.${table}.Envelope`,
    version: 1,
  };
}

const column = (field: string, type: string, name?: string, extra: Record<string, unknown> = {}) => ({
  type,
  optional: false,
  ...(name ? { name, version: 1 } : {}),
  field,
  ...extra,
});
const SCHEMAS: Record<string, object> = {
  events: valueSchema('events', [
    column('id', 'int64'),
    column('user_id', 'string'),
    column('experiment_id', 'int32'),
    column('variant_id', 'int32'),
    column('event_type', 'string'),
    column('event_time', 'string', 'io.debezium.time.ZonedTimestamp'),
    column('properties', 'string', 'io.debezium.data.Json'),
    column('revenue', 'bytes', 'org.apache.kafka.connect.data.Decimal', {
      optional: true,
      parameters: { scale: '2', 'connect.decimal.precision': '10' },
    }),
  ]),
  assignments: valueSchema('assignments', [
    column('id', 'int64'),
    column('experiment_id', 'int32'),
    column('variant_id', 'int32'),
    column('user_id', 'string'),
    column('assigned_at', 'string', 'io.debezium.time.ZonedTimestamp'),
  ]),
};

/**
 * A NUMERIC as Debezium sends it under decimal.handling.mode=precise: the unscaled value's minimal big-endian two's
 * complement, base64. Pure.
 */
export function preciseDecimal(unscaled: bigint): string {
  let bytes = 1;
  while (unscaled >= 1n << BigInt(8 * bytes - 1) || unscaled < -(1n << BigInt(8 * bytes - 1))) bytes++;
  const raw = (unscaled < 0n ? (1n << BigInt(8 * bytes)) + unscaled : unscaled).toString(16).padStart(2 * bytes, '0');
  return Buffer.from(raw, 'hex').toString('base64');
}

/**
 * A delete's `before` under REPLICA IDENTITY DEFAULT: the key, and for every other NOT NULL column the fallback value
 * the connector fills in ('' for text, 0 for numbers, the epoch for timestamps); nullable columns are null.
 */
function deleteBefore(row: Row): Row {
  const fallback = (field: string, value: unknown) =>
    field === 'id'
      ? value
      : field === 'revenue'
        ? null
        : typeof value === 'number'
          ? 0
          : /_time$|_at$/.test(field)
            ? '1970-01-01T00:00:00Z'
            : '';
  return Object.fromEntries(Object.entries(row).map(([field, value]) => [field, fallback(field, value)]));
}

const PARTITIONS = 3;

const DAY0 = Date.UTC(2026, 9, 1);
const iso = (ms: number, micros: number) =>
  `${new Date(ms).toISOString().slice(0, 19)}.${String(Math.floor(ms % 1000) * 1000 + micros).padStart(6, '0')}Z`;
const TYPES = ['exposure', 'exposure', 'exposure', 'click', 'conversion'];
const PAGES = ['/home', '/pricing', '/checkout', '/docs'];
const DEVICES = ['mobile', 'desktop', 'tablet'];

/**
 * Writes the dump line by line through `write`. Within a key, versions (LSNs) grow with every
 * change; delivery interleaves keys and repeats a share of messages later.
 */
export function generateDump(options: DumpOptions, write: (line: string) => void): DumpResult {
  const rand = random(options.seed);
  const pick = <T>(values: T[]) => values[Math.floor(rand() * values.length)]!;
  let lsn = 1_000_000;
  const state = { events: new Map<number, Row>(), assignments: new Map<number, Row>() };
  const live = { events: new Map<number, Row>(), assignments: new Map<number, Row>() };
  const wrap = (payload: Row & { source?: Row }) =>
    JSON.stringify(
      options.wrapper === 'payload'
        ? { schema: SCHEMAS[String(payload.source?.table)] ?? SCHEMAS.events, payload }
        : payload,
    );
  // Each partition's messages in order; read interleaved in runs, as a consumer of 3 partitions sees them.
  const partitions: string[][] = Array.from({ length: PARTITIONS }, () => []);
  let buffered = 0;
  let messages = 0;
  let redelivered = 0;
  let tombstones = 0;
  let truncates = 0;
  const deliver = (line: string) => {
    write(line);
    messages++;
    if (line === '') tombstones++;
    else if (line.includes('"op":"t"')) truncates++;
  };
  const drain = (downTo: number) => {
    while (buffered > downTo) {
      const partition = partitions[Math.floor(rand() * PARTITIONS)]!;
      for (let run = 1 + Math.floor(rand() * 20); run > 0 && partition.length > 0; run--) {
        deliver(partition.shift()!);
        buffered--;
      }
    }
  };
  const pending: [string, number][] = [];
  const redeliver = ([again, from]: [string, number]) => {
    partitions[from]!.push(again);
    buffered++;
    redelivered++;
  };
  const emit = (line: string, partition: number) => {
    partitions[partition]!.push(line);
    buffered++;
    if (rand() < options.duplicates) pending.push([line, partition]);
    // Redeliveries come back a little later, like a consumer restarting from an older offset.
    if (pending.length > 50 || (pending.length > 0 && rand() < 0.05)) redeliver(pending.shift()!);
    if (buffered > 3000) drain(1000);
  };
  const change = (table: 'events' | 'assignments', op: string, before: Row | null, after: Row | null) => {
    lsn += 1 + Math.floor(rand() * 3);
    // Keyed by primary key: a key's messages share a partition. A truncate has no key.
    const id = Number((after ?? before)?.id ?? 0);
    const partition = op === 't' ? 0 : (id + (table === 'events' ? 0 : 1)) % PARTITIONS;
    emit(
      wrap({
        before,
        after,
        op,
        ts_ms: 1_790_000_000_000 + lsn,
        source: {
          version: '2.7.3.Final',
          connector: 'postgresql',
          name: 'pg',
          ts_ms: 1_790_000_000_000 + lsn,
          snapshot: op === 'r' ? 'true' : 'false',
          db: 'experiments',
          sequence: `["${lsn - 1}","${lsn}"]`,
          schema: 'public',
          table,
          txId: 700 + lsn,
          lsn,
          xmin: null,
        },
      }),
      partition,
    );
    // tombstones.on.delete (default true): a message without a value follows each delete, for log compaction.
    if (op === 'd') emit('', partition);
  };
  // Assignments: each user in each experiment, a variant (snapshot reads, then new ones).
  let assignmentId = 0;
  for (let user = 0; user < options.users; user++) {
    for (let experiment = 1; experiment <= options.experiments; experiment++) {
      if (rand() < 0.3) continue;
      const id = ++assignmentId;
      const at = DAY0 + Math.floor(rand() * 3 * 86_400_000);
      const row = {
        id,
        experiment_id: experiment,
        variant_id: experiment * 10 + Math.floor(rand() * 2),
        user_id: `user_${user}`,
        assigned_at: iso(at, id % 1000),
      };
      live.assignments.set(id, row);
      change('assignments', id % 3 === 0 ? 'r' : 'c', null, row);
    }
  }
  // Events: inserts, with updates and deletes of earlier events interleaved.
  const eventIds: number[] = [];
  // NUMERIC(10, 2), as sent: on conversions, and as the odd refund.
  const revenue = (type: string) => {
    const cents =
      type === 'conversion' ? Math.round((rand() - 0.1) * 50_000) : rand() < 0.05 ? -Math.round(rand() * 2_000) : null;
    return cents === null ? null : preciseDecimal(BigInt(cents));
  };
  const truncateAt = options.truncate ? Math.floor((options.events * 2) / 3) : -1;
  for (let id = 1; id <= options.events; id++) {
    if (id === truncateAt) {
      live.events.clear();
      change('events', 't', null, null);
    }
    const user = Math.floor(rand() * options.users);
    const experiment = 1 + Math.floor(rand() * options.experiments);
    const at = DAY0 + Math.floor(rand() * 7 * 86_400_000);
    const type = pick(TYPES);
    const row: Row = {
      id,
      user_id: `user_${user}`,
      experiment_id: experiment,
      variant_id: experiment * 10 + (user % 2),
      event_type: type,
      event_time: iso(at, id % 997),
      properties: JSON.stringify({
        page: pick(PAGES),
        device: pick(DEVICES),
        ...(rand() < 0.7 ? { value: Math.round(rand() * 10_000) / 100 } : {}),
      }),
      revenue: revenue(type),
    };
    live.events.set(id, row);
    eventIds.push(id);
    change('events', 'c', null, row);
    const roll = rand();
    if (roll < 0.1 && eventIds.length > 0) {
      const target = eventIds[Math.floor(rand() * eventIds.length)]!;
      const before = live.events.get(target);
      if (before) {
        const moved = Date.parse(String(before.event_time)) + Math.floor((rand() - 0.5) * 4 * 86_400_000);
        const unchanged = (options.toast ?? 0) > 0 && rand() < options.toast!;
        const newType = pick(TYPES);
        const after = {
          ...before,
          event_type: newType,
          event_time: iso(moved, target % 997),
          properties: unchanged
            ? before.properties
            : JSON.stringify({
                page: pick(PAGES),
                device: pick(DEVICES),
                value: Math.round(rand() * 10_000) / 100,
              }),
          revenue: revenue(newType),
        };
        live.events.set(target, after);
        // REPLICA IDENTITY DEFAULT: an update carries no before (its key did not change).
        change('events', 'u', null, unchanged ? { ...after, properties: '__debezium_unavailable_value' } : after);
      }
    } else if (roll < 0.12 && eventIds.length > 0) {
      const target = eventIds[Math.floor(rand() * eventIds.length)]!;
      const before = live.events.get(target);
      if (before) {
        live.events.delete(target);
        change('events', 'd', deleteBefore(before), null);
      }
    }
  }
  pending.forEach(redeliver);
  drain(0);
  // Bad messages, each of a kind the chain must dead-letter with its reason.
  const bad: Record<string, number> = {};
  const badLine = (reason: string, line: string) => {
    bad[reason] = (bad[reason] ?? 0) + 1;
    write(line);
    messages++;
  };
  const sample = {
    id: options.events + 1,
    user_id: 'user_x',
    experiment_id: 1,
    variant_id: 10,
    event_type: 'exposure',
    event_time: iso(DAY0, 0),
    properties: '{}',
  };
  for (let i = 0; i < options.badOfEachKind; i++) {
    badLine('malformed JSON', `{"payload": {"op": "c", "after": {"id": ${i}`);
    badLine('unknown table', wrap({ before: null, after: sample, op: 'c', source: { table: 'sessions', lsn: 1 } }));
    badLine(
      'missing field event_time',
      wrap({
        before: null,
        after: { ...sample, event_time: undefined },
        op: 'c',
        source: { table: 'events', lsn: lsn + 1 },
      }),
    );
    badLine(
      'type: experiment_id is not UInt32',
      wrap({
        before: null,
        after: { ...sample, experiment_id: 'seven' },
        op: 'c',
        source: { table: 'events', lsn: lsn + 1 },
      }),
    );
    badLine('unknown op', wrap({ before: null, after: sample, op: 'x', source: { table: 'events', lsn: lsn + 1 } }));
  }
  // A delete of a key never seen: a valid message, counted by validation.
  const deletesOfUnseenKeys = options.badOfEachKind > 0 ? 1 : 0;
  if (deletesOfUnseenKeys) {
    lsn += 1;
    write(wrap({ before: { ...sample, id: 999_999_999 }, after: null, op: 'd', source: { table: 'events', lsn } }));
    messages++;
  }
  if (options.keepState) {
    state.events = live.events;
    state.assignments = live.assignments;
  }
  return { messages, redelivered, state, bad, deletesOfUnseenKeys, tombstones, truncates };
}
