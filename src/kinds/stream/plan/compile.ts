import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';
import type { TableRef } from '../../../config/settings.js';
import { numberInOrder } from '../../../plan/plan-dir.js';
import { renderStep, type Statement } from '../../../render/render.js';
import { withDefinition, type PlannedObject } from '../../../plan/definition.js';
import {
  envelopeColumns,
  envelopeReasonExpr,
  readsSchemas,
  keyHashExpr,
  processedSelect,
  routeKeyExpr,
  tableReasonExpr,
  typedColumns,
  typedSelect,
  versionType,
} from './parse-sql.js';
import { TOAST_PLACEHOLDER, TOAST_PLACEHOLDER_BYTES, toastResolution } from './toast-sql.js';
import { fillTableReferences } from '../../../core/table-references.js';
import { LANDING_BLOCK_ROWS, liveViewName, type StreamAggregate, type StreamSpec, type StreamTable } from './spec.js';

export interface StreamStatement {
  step: string;
  file: string;
  role: string;
  sql: string;
  /** What a CREATE … IF NOT EXISTS statement creates, with its definition. */
  object?: PlannedObject;
}

/** Every table the chain is made of. Pure. */
export function chainTables(spec: Pick<StreamSpec, 'database' | 'name'>) {
  const t = (name: string): TableRef => ({ database: spec.database, name });
  return {
    landing: t(`${spec.name}_landing`),
    deadLetter: t(`${spec.name}_dead_letter`),
    parsedLog: t(`${spec.name}_parsed_log`),
    truncations: t(`${spec.name}_truncations`),
    /** What a replay's own staging table is named after: `<name>_replay_<replay id>`, in the chain's database. */
    replay: t(`${spec.name}_replay`),
    classified: t(`${spec.name}_classified`),
    kafka: t(`${spec.name}_kafka`),
    /** On a cluster: the Distributed table messages land through, routed by key. */
    route: t(`${spec.name}_landing_route`),
    table: t,
    /** On a cluster: a table of every shard, read as one (`<name>_all`). */
    all: (name: string) => t(`${name}_all`),
    staging: (aggregate: string) => t(`${aggregate}__staging`),
  };
}

/**
 * How lines are inserted into the landing table: blocks of at most LANDING_BLOCK_ROWS rows, each as its own INSERT,
 * with the views run in parallel. One insert per block matters: within one INSERT the views' reads of other tables do
 * not see what the same INSERT wrote for earlier blocks, and filling an unchanged TOASTed value reads the processed
 * table (measured: 235 of 13,700 such messages dead-lettered when a 137,283-line dump landed in one INSERT). For the
 * same reason a block reaches the views whole: the engine otherwise hands an insert's rows to the views in pieces of
 * at most 256 MB (`min_insert_block_size_bytes`), so 65,536 messages of more than 4 KB each arrived in two or more,
 * and a piece did not see what the pieces before it wrote (measured: on the benchmark's dump cut at 64 MB, 501
 * unchanged TOASTed values dead-lettered whose earlier version was in the same block). A piece ends at the block's
 * rows instead, and never by bytes.
 */
export const LANDING_INSERT_SETTINGS =
  `parallel_view_processing = 1, max_block_size = ${LANDING_BLOCK_ROWS}, max_insert_block_size = ${LANDING_BLOCK_ROWS}, ` +
  `min_insert_block_size_rows = ${LANDING_BLOCK_ROWS}, min_insert_block_size_bytes = 0, max_threads = 2`;

/**
 * A replayed line as message and message key: split at the first `{separator:String}`, when one is given (as
 * keyedLine splits the lines sent to a server).
 */
const KEYED = "{separator:String} != '' AND position(line, {separator:String}) > 0";
const REPLAYED = {
  value: `if(${KEYED}, substring(line, position(line, {separator:String}) + length({separator:String})), line)`,
  key: `if(${KEYED}, substring(line, 1, position(line, {separator:String}) - 1), '')`,
};

/** A dump's line as message and message key, as REPLAYED splits it in SQL. Pure. */
export function keyedLine(line: string, separator: string): { line: string; key: string } {
  const at = separator === '' ? -1 : line.indexOf(separator);
  return at < 0 ? { line, key: '' } : { line: line.slice(at + separator.length), key: line.slice(0, at) };
}

export function kafkaCollection(spec: Pick<StreamSpec, 'name'>): string {
  return `chplan_kafka_${spec.name}`;
}

export function pgCollection(spec: Pick<StreamSpec, 'name'>): string {
  return `chplan_pg_${spec.name}`;
}

/** An aggregate's statements, in the order a rebuild uses them. */
export type AggregateStep =
  | 'create'
  | 'create_staging'
  | 'clear_day'
  | 'count_source'
  | 'insert_day'
  | 'count_staging'
  | 'check_staging'
  | 'publish_day'
  | 'count_target_day'
  | 'drop_day'
  | 'read_day'
  | 'recompute_day';

/** The templates (templates/stream, templates/common) a stream plan is rendered from. */
type StreamTemplate =
  | 'create_database'
  | 'create_ledger'
  | 'migrate_ledger'
  | 'append_ledger'
  | 'create_landing'
  | 'create_dead_letter'
  | 'create_parsed_log'
  | 'create_truncations'
  | 'truncations_view'
  | 'replay_create'
  | 'replay_file'
  | 'replay_blocks'
  | 'replay_block'
  | 'replay_drop'
  | 'replay_lines'
  | 'source_version'
  | 'create_classified'
  | 'create_processed'
  | 'create_typed'
  | 'classify_view'
  | 'envelope_dead_letter_view'
  | 'typed_view'
  | 'processed_view'
  | 'parsed_log_view'
  | 'row_dead_letter_view'
  | 'create_kafka'
  | 'kafka_to_landing'
  | 'kafka_errors'
  | 'create_aggregate'
  | 'create_staging'
  | 'clear_staging_day'
  | 'count_source'
  | 'insert_day'
  | 'count_staging'
  | 'check_staging'
  | 'publish_day'
  | 'count_target_day'
  | 'drop_day'
  | 'read_day'
  | 'recompute_day'
  | 'create_dictionary'
  | 'create_view'
  | 'live_view'
  | 'create_route'
  | 'create_distributed'
  | 'check_colocation'
  | 'validate_accounting'
  | 'validate_dead_changes'
  | 'validate_schemas'
  | 'validate_state';

/** The step of an aggregate's statement: `agg.experiment_hourly_stats.insert_day`. */
export function aggregateStep(aggregate: string, type: AggregateStep): string {
  return `agg.${aggregate}.${type}`;
}

/**
 * A table of the chain as the whole chain reads it: on a cluster, every shard's (`<name>_all`), else itself. Pure.
 */
function readable(spec: Pick<StreamSpec, 'database' | 'name' | 'cluster'>, table: TableRef): TableRef {
  return spec.cluster ? chainTables(spec).all(table.name) : table;
}

/**
 * The version of the last truncate of a table's source (0 when it was never truncated), as a scalar subquery; on a
 * cluster over every shard's truncations (a truncate lands on one shard and empties the table on all). Pure.
 */
function lastTruncate(spec: Pick<StreamSpec, 'database' | 'name' | 'cluster'>, table: StreamTable): string {
  return `(SELECT max(version) FROM ${quoteTable(readable(spec, chainTables(spec).truncations))} WHERE source_table = ${quoteString(table.source)})`;
}

/**
 * The rows of a processed table that are its latest state (read with FINAL): not deleted, and newer than the
 * table's last truncate. Pure.
 */
export function liveCondition(spec: Pick<StreamSpec, 'database' | 'name' | 'cluster'>, table: StreamTable): string {
  return `\`_deleted\` = 0 AND \`_version\` > ${lastTruncate(spec, table)}`;
}

/**
 * Whether a processed row holds Debezium's TOAST placeholder in a text column (never, in a right chain), or its
 * base64, which bytes read as text would hold. Pure.
 */
function placeholderCondition(table: StreamTable): string {
  const text = table.columns.filter((c) => /^(LowCardinality\()?String/.test(c.type));
  const placeholders = [TOAST_PLACEHOLDER, TOAST_PLACEHOLDER_BYTES].map(quoteString).join(', ');
  return text.map((c) => `${quoteIdent(c.name)} IN (${placeholders})`).join(' OR ') || 'false';
}

/**
 * An aggregate's SELECT with its references filled: a processed table is its latest state
 * (FINAL, deletes left out), an aggregate its table; `:window` keeps only the rows of the day
 * being rebuilt (bound as chunk_start / chunk_end). On a cluster every reference reads every shard
 * (`<name>_all`): a processed table is sharded by its key, and FINAL on each shard is the latest
 * state since a key's versions all meet there. Pure.
 */
export function resolveSelect(spec: StreamSpec, sql: string, options: { windowed: boolean }): string {
  const tables = chainTables(spec);
  return fillTableReferences(sql, (name, window) => {
    const processed = spec.tables.find((t) => t.name === name);
    const time = processed ? processed.time : spec.aggregates.find((a) => a.name === name)!.time;
    const filter =
      window && options.windowed && time !== undefined
        ? `${quoteIdent(time)} >= {chunk_start:DateTime64(3, 'UTC')} AND ${quoteIdent(time)} < {chunk_end:DateTime64(3, 'UTC')}`
        : null;
    const where = [processed ? liveCondition(spec, processed) : null, filter].filter((c) => c !== null);
    const table = quoteTable(readable(spec, tables.table(name)));
    if (where.length === 0) return table;
    return `(SELECT * FROM ${table}${processed ? ' FINAL' : ''} WHERE ${where.join(' AND ')})`;
  }).trim();
}

/** Renders every statement of a stream plan, in the order a setup runs them. Pure. */
export function renderStream(spec: StreamSpec): StreamStatement[] {
  const out: StreamStatement[] = [];
  // Every object of the chain carries its definition as COMMENT; the ledger is shared with other plans.
  const add = ({ step, file, role, template, fields }: Statement<StreamTemplate>) => {
    const sql = renderStep('stream', { type: template, ...fields });
    out.push({ step, file, role, ...(step === 'create_ledger' ? { sql } : withDefinition(step, sql)) });
  };
  const tables = chainTables(spec);
  const parse = {
    landing: tables.landing,
    deadLetter: tables.deadLetter,
    parsedLog: tables.parsedLog,
    truncations: tables.truncations,
    replay: tables.replay,
    classified: tables.classified,
    versionType: versionType(spec),
    cluster: spec.cluster,
    schemas: readsSchemas(spec),
  };
  // On a cluster, messages land through the route (Kafka's view, replays), which sends each to its key's shard.
  const arrival = spec.cluster ? tables.route : tables.landing;
  /** On a cluster, `<name>_all` over a table of the chain, right after the table. */
  const addAll = (step: string, file: string, local: TableRef) => {
    if (spec.cluster)
      add({
        step,
        file,
        role: `cluster: ${local.name} of every shard, read as one`,
        template: 'create_distributed',
        fields: { cluster: spec.cluster, name: local.name, local, distributed: tables.all(local.name) },
      });
  };
  add({
    step: 'create_database',
    file: '00_create_database.sql',
    role: "the chain's database, ENGINE = Atomic",
    template: 'create_database',
    fields: {
      database: spec.database,
      cluster: spec.cluster,
    },
  });
  add({
    step: 'create_ledger',
    file: '01_create_ledger.sql',
    role: 'ledger table recording every rebuilt day (created if missing)',
    template: 'create_ledger',
    fields: { ledger: spec.ledger, cluster: spec.cluster },
  });
  add({
    step: 'migrate_ledger',
    file: '01_migrate_ledger.sql',
    role: 'adds the columns a ledger created by an older chplan lacks (chunk_key, source_version, unit, note, cursor) and keeps lease heartbeats 7 days',
    template: 'migrate_ledger',
    fields: { ledger: spec.ledger, cluster: spec.cluster },
  });
  add({
    step: 'append_ledger',
    file: '01_append_ledger.sql',
    role: 'appends a rebuilt day, a publish or the lease to the ledger (every ledger row)',
    template: 'append_ledger',
    fields: { ledger: spec.ledger },
  });

  add({
    step: 'create_landing',
    file: '02_create_landing.sql',
    role: 'landing table: every message as one line',
    template: 'create_landing',
    fields: parse,
  });
  if (spec.cluster)
    add({
      step: 'create_route',
      file: '02_create_route.sql',
      role: "cluster: the Distributed table messages land through, each on its row's key's shard",
      template: 'create_route',
      fields: { ...parse, route: tables.route, routeKey: routeKeyExpr(spec) },
    });
  add({
    step: 'create_dead_letter',
    file: '02_create_dead_letter.sql',
    role: 'dead letter: unusable messages with their reason',
    template: 'create_dead_letter',
    fields: parse,
  });
  add({
    step: 'create_parsed_log',
    file: '02_create_parsed_log.sql',
    role: 'parsed log: key, version and op of every usable message',
    template: 'create_parsed_log',
    fields: parse,
  });
  add({
    step: 'create_truncations',
    file: '02_create_truncations.sql',
    role: 'truncations: the version as of which each table was emptied',
    template: 'create_truncations',
    fields: parse,
  });
  addAll('truncations_all', '02_truncations_all.sql', tables.truncations);
  add({
    step: 'replay_create',
    file: '02_replay_create.sql',
    role: "chplan replay on an engine that reads the file itself: its own staging table for the dump's lines",
    template: 'replay_create',
    fields: parse,
  });
  add({
    step: 'replay_file',
    file: '02_replay_file.sql',
    role: 'chplan replay on an engine that reads the file itself: the lines into replay staging',
    template: 'replay_file',
    fields: parse,
  });
  add({
    step: 'replay_blocks',
    file: '02_replay_blocks.sql',
    role: 'chplan replay: the blocks its staged lines land in, bounded in lines and bytes',
    template: 'replay_blocks',
    fields: { ...parse, blockRows: LANDING_BLOCK_ROWS },
  });
  add({
    step: 'replay_block',
    file: '02_replay_block.sql',
    role: 'chplan replay: one block of staged lines into the landing table, as one insert (as a Kafka table hands over a poll)',
    template: 'replay_block',
    fields: { ...parse, ...REPLAYED, landing: arrival, settings: LANDING_INSERT_SETTINGS },
  });
  add({
    step: 'replay_drop',
    file: '02_replay_drop.sql',
    role: "drops the replay's staging table once its lines have landed (or it failed)",
    template: 'replay_drop',
    fields: parse,
  });
  add({
    step: 'replay_lines',
    file: '02_replay_lines.sql',
    role: 'chplan replay to a server: the lines follow in blocks',
    template: 'replay_lines',
    fields: {
      ...parse,
      landing: arrival,
      settings: LANDING_INSERT_SETTINGS,
    },
  });
  add({
    step: 'source_version',
    file: '02_source_version.sql',
    role: 'what a rebuild is built from: the messages landed so far (resume rebuilds a day when it changed)',
    template: 'source_version',
    fields: parse,
  });
  add({
    step: 'create_classified',
    file: '02_create_classified.sql',
    role: 'classified messages (Null engine): the envelope read once',
    template: 'create_classified',
    fields: parse,
  });
  for (const table of spec.tables) {
    const columns = [
      ...table.columns.map((c) => ({ name: c.name, type: c.type })),
      ...table.computed.map((c) => ({ name: c.name, type: c.type })),
    ];
    add({
      step: `table.${table.name}.create`,
      file: `03_${table.name}.sql`,
      role: `processed table: latest state of ${table.source} per key`,
      template: 'create_processed',
      fields: {
        name: table.name,
        source: table.source,
        target: tables.table(table.name),
        columns,
        keyList: table.key.map(quoteIdent).join(', '),
        versionField: spec.envelope.version === 'lsn' ? 'source.lsn' : 'source.ts_ms, then source.lsn',
        versionType: versionType(spec),
        cluster: spec.cluster,
      },
    });
    addAll(`table.${table.name}.create_all`, `03_${table.name}_all.sql`, tables.table(table.name));
    add({
      step: `table.${table.name}.create_typed`,
      file: `03_${table.name}_typed.sql`,
      role: `typed ${table.source} messages (Null engine)`,
      template: 'create_typed',
      fields: {
        cluster: spec.cluster,
        source: table.source,
        typed: tables.table(`${table.name}_typed`),
        columns: typedColumns(table, versionType(spec)),
      },
    });
  }
  add({
    step: 'classify_view',
    file: '04_classify_view.sql',
    role: 'view: landing → classified (the envelope, parsed once)',
    template: 'classify_view',
    fields: {
      ...parse,
      view: tables.table(`${spec.name}_classify_mv`),
      envelope: envelopeColumns(spec),
      reason: envelopeReasonExpr(spec),
    },
  });
  add({
    step: 'envelope_dead_letter_view',
    file: '04_envelope_dead_letter_view.sql',
    role: 'view: unusable envelopes → dead letter',
    template: 'envelope_dead_letter_view',
    fields: { ...parse, view: tables.table(`${spec.name}_envelope_dead_letter_mv`) },
  });
  add({
    step: 'truncations_view',
    file: '04_truncations_view.sql',
    role: 'view: truncates → truncations',
    template: 'truncations_view',
    fields: { ...parse, view: tables.table(`${spec.name}_truncations_mv`) },
  });
  for (const table of spec.tables) {
    const typed = tables.table(`${table.name}_typed`);
    const common = {
      ...parse,
      name: table.name,
      source: table.source,
      typed,
      typedName: `${table.name}_typed`,
      target: tables.table(table.name),
    };
    add({
      step: `table.${table.name}.typed_view`,
      file: `05_${table.name}_typed_view.sql`,
      role: `view: classified → typed ${table.source} rows (the row parsed once)`,
      template: 'typed_view',
      fields: {
        ...common,
        view: tables.table(`${table.name}_typed_mv`),
        typedSelect: typedSelect(table, parse.schemas),
        toast: toastResolution(
          table,
          quoteTable(tables.table(table.name)),
          quoteTable(tables.classified),
          lastTruncate(spec, table),
          parse.schemas,
        ),
        typedNames: table.columns.map((c) => quoteIdent(`_c_${c.name}`)),
        reason: tableReasonExpr(table, parse.schemas),
      },
    });
    add({
      step: `table.${table.name}.processed_view`,
      file: `05_${table.name}_processed_view.sql`,
      role: `view: typed rows → ${table.name}`,
      template: 'processed_view',
      fields: { ...common, view: tables.table(`${table.name}_mv`), select: processedSelect(table) },
    });
    add({
      step: `table.${table.name}.parsed_log_view`,
      file: `05_${table.name}_parsed_log_view.sql`,
      role: 'view: typed rows → parsed log',
      template: 'parsed_log_view',
      fields: { ...common, view: tables.table(`${table.name}_parsed_log_mv`), keyHash: keyHashExpr(table) },
    });
    add({
      step: `table.${table.name}.dead_letter_view`,
      file: `05_${table.name}_dead_letter_view.sql`,
      role: 'view: rows with missing or ill-typed fields → dead letter',
      template: 'row_dead_letter_view',
      fields: { ...common, view: tables.table(`${table.name}_dead_letter_mv`) },
    });
    add({
      step: `table.${table.name}.live_view`,
      file: `05_${table.name}_live.sql`,
      role: `view: the latest state of ${table.name} (deleted and truncated rows left out): what to query`,
      template: 'live_view',
      fields: {
        ...common,
        view: tables.table(liveViewName(table)),
        target: readable(spec, tables.table(table.name)),
        live: liveCondition(spec, table),
      },
    });
  }
  if (spec.kafka) {
    const kafka = {
      cluster: spec.cluster,
      kafka: tables.kafka,
      landing: arrival,
      deadLetter: tables.deadLetter,
      collection: kafkaCollection(spec),
    };
    add({
      step: 'kafka.create',
      file: '06_kafka.sql',
      role: 'the Kafka table (LineAsString, errors streamed)',
      template: 'create_kafka',
      fields: {
        ...kafka,
        topics: spec.kafka.topics.join(','),
        group: spec.kafka.group,
        consumers: spec.kafka.consumers,
        maxBlockSize: spec.kafka.maxBlockSize,
      },
    });
    add({
      step: 'kafka.to_landing',
      file: '06_kafka_to_landing.sql',
      role: 'view: Kafka → landing',
      template: 'kafka_to_landing',
      fields: {
        ...kafka,
        view: tables.table(`${spec.name}_kafka_mv`),
      },
    });
    add({
      step: 'kafka.errors',
      file: '06_kafka_errors.sql',
      role: 'view: Kafka errors → dead letter',
      template: 'kafka_errors',
      fields: {
        ...kafka,
        view: tables.table(`${spec.name}_kafka_errors_mv`),
      },
    });
  }
  for (const aggregate of spec.aggregates) {
    renderAggregate(spec, aggregate, add);
    addAll(`agg.${aggregate.name}.create_all`, `07_${aggregate.name}/00_all.sql`, tables.table(aggregate.name));
  }
  for (const dictionary of spec.dictionaries) {
    add({
      step: `dictionary.${dictionary.name}`,
      file: `08_${dictionary.name}.sql`,
      role: `dictionary over PostgreSQL's ${dictionary.table}`,
      template: 'create_dictionary',
      fields: {
        cluster: spec.cluster,
        name: dictionary.name,
        dictionary: tables.table(dictionary.name),
        pgTable: dictionary.table,
        key: dictionary.key,
        simple: dictionary.key.length === 1 && dictionary.key[0]!.type === 'UInt64',
        keyList: dictionary.key.map((k) => quoteIdent(k.name)).join(', '),
        attributes: dictionary.attributes,
        collection: pgCollection(spec),
        lifetime: dictionary.lifetimeSeconds,
        lifetimeMin: Math.max(1, Math.floor(dictionary.lifetimeSeconds / 2)),
      },
    });
  }
  for (const view of spec.views) {
    add({
      step: `view.${view.name}`,
      file: `09_${view.name}.sql`,
      role: 'reporting view',
      template: 'create_view',
      fields: {
        cluster: spec.cluster,
        name: view.name,
        view: tables.table(view.name),
        select: resolveSelect(spec, view.select, { windowed: false }),
      },
    });
  }
  add({
    step: 'validate_accounting',
    file: '10_validate_accounting.sql',
    role: 'validation: landed = parsed + truncates + tombstones + dead-lettered',
    template: 'validate_accounting',
    fields: parse,
  });
  add({
    step: 'validate_dead_changes',
    file: '10_validate_dead_changes.sql',
    role: "validation: updates, deletes and truncates of the chain's tables that were dead-lettered",
    template: 'validate_dead_changes',
    fields: {
      ...parse,
      payload: spec.envelope.wrapper === 'payload',
      sources: spec.tables.map((t) => quoteString(t.source)).join(', '),
    },
  });
  if (spec.envelope.wrapper === 'payload')
    add({
      step: 'validate_schemas',
      file: '10_validate_schemas.sql',
      role: "validation: a message of each schema the connector sent, to compare its field types with the spec's",
      template: 'validate_schemas',
      fields: parse,
    });
  for (const table of spec.tables) {
    if (spec.cluster)
      add({
        step: `table.${table.name}.check_colocation`,
        file: `10_check_colocation_${table.name}.sql`,
        role: 'cluster: validation: keys held by more than one shard',
        template: 'check_colocation',
        fields: {
          cluster: spec.cluster,
          name: table.name,
          target: tables.table(table.name),
          keyList: table.key.map(quoteIdent).join(', '),
        },
      });
    add({
      step: `table.${table.name}.validate`,
      file: `10_validate_${table.name}.sql`,
      role: 'validation: rows against the latest version per key',
      template: 'validate_state',
      fields: {
        ...parse,
        name: table.name,
        source: table.source,
        target: tables.table(table.name),
        live: liveCondition(spec, table),
        truncated: lastTruncate(spec, table),
        placeholder: placeholderCondition(table),
      },
    });
  }
  return numberInOrder(out);
}

/** An aggregate's statements, in order: step type, template, role. */
const AGGREGATE_STATEMENTS: [AggregateStep, StreamTemplate, string][] = [
  ['create', 'create_aggregate', 'aggregate table, partitioned by day'],
  ['create_staging', 'create_staging', "staging with the aggregate's structure"],
  ['clear_day', 'clear_staging_day', 'empties a day of staging'],
  ['count_source', 'count_source', "rows a day's recomputation yields"],
  ['insert_day', 'insert_day', 'THE rebuild of a day, into staging'],
  ['count_staging', 'count_staging', 'rows staged for a day'],
  ['check_staging', 'check_staging', 'rows and parts of a staged day, checked before publish'],
  ['publish_day', 'publish_day', 'atomic REPLACE PARTITION of the day'],
  ['count_target_day', 'count_target_day', 'rows the aggregate holds for a day'],
  ['drop_day', 'drop_day', 'drops a day whose recomputation is empty'],
  ['read_day', 'read_day', 'validation: a published day'],
  ['recompute_day', 'recompute_day', 'validation: the same day recomputed from the latest state'],
];

function renderAggregate(
  spec: StreamSpec,
  aggregate: StreamAggregate,
  add: (statement: Statement<StreamTemplate>) => void,
): void {
  const tables = chainTables(spec);
  const common = {
    cluster: spec.cluster,
    name: aggregate.name,
    description: aggregate.description,
    target: tables.table(aggregate.name),
    staging: tables.staging(aggregate.name),
    time: aggregate.time,
    keyList: aggregate.key.map(quoteIdent).join(', '),
    select: resolveSelect(spec, aggregate.select, { windowed: false }),
    windowSelect: resolveSelect(spec, aggregate.select, { windowed: true }),
  };
  AGGREGATE_STATEMENTS.forEach(([type, template, role], i) => {
    add({
      step: aggregateStep(aggregate.name, type),
      file: `07_${aggregate.name}/${String(i + 1).padStart(2, '0')}_${type}.sql`,
      role,
      template,
      fields: common,
    });
  });
}
