import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';
import type { TableRef } from '../../../config/settings.js';
import { numberInOrder } from '../../../plan/plan-dir.js';
import { renderStep } from '../../../render/render.js';
import { withDefinition, type PlannedObject } from '../../../plan/definition.js';
import {
  envelopeColumns,
  envelopeReasonExpr,
  keyHashExpr,
  processedSelect,
  tableReasonExpr,
  typedColumns,
  typedSelect,
} from './parse-sql.js';
import { fillTableReferences } from '../../../core/table-references.js';
import type { StreamAggregate, StreamSpec } from './spec.js';

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
    classified: t(`${spec.name}_classified`),
    kafka: t(`${spec.name}_kafka`),
    table: t,
    staging: (aggregate: string) => t(`${aggregate}__staging`),
  };
}

/**
 * How lines are inserted into the landing table: blocks of 65,536 rows (what a Kafka table hands
 * over by default) with the views run in parallel. Large blocks through many views cost memory and
 * time (measured: 388,613 messages in 2.8 s with the default million-row blocks, 1.1–1.4 s so).
 */
export const LANDING_INSERT_SETTINGS =
  'parallel_view_processing = 1, max_insert_block_size = 65536, min_insert_block_size_rows = 65536, max_threads = 2';

export function kafkaCollection(spec: Pick<StreamSpec, 'name'>): string {
  return `chplan_kafka_${spec.name}`;
}

export function pgCollection(spec: Pick<StreamSpec, 'name'>): string {
  return `chplan_pg_${spec.name}`;
}

/** The step of an aggregate's statement: `agg.experiment_hourly_stats.insert_day`. */
export function aggregateStep(aggregate: string, type: string): string {
  return `agg.${aggregate}.${type}`;
}

/**
 * An aggregate's SELECT with its references filled: a processed table is its latest state
 * (FINAL, deletes left out), an aggregate its table; `:window` keeps only the rows of the day
 * being rebuilt (bound as chunk_start / chunk_end). Pure.
 */
export function resolveSelect(spec: StreamSpec, sql: string, options: { windowed: boolean }): string {
  const tables = chainTables(spec);
  return fillTableReferences(sql, (name, window) => {
    const processed = spec.tables.find((t) => t.name === name);
    const time = processed ? processed.time : spec.aggregates.find((a) => a.name === name)!.time;
    const filter =
      window && options.windowed
        ? `${quoteIdent(time)} >= {chunk_start:DateTime64(3, 'UTC')} AND ${quoteIdent(time)} < {chunk_end:DateTime64(3, 'UTC')}`
        : null;
    const where = [processed ? '`_deleted` = 0' : null, filter].filter((c) => c !== null);
    const table = quoteTable(tables.table(name));
    if (where.length === 0) return table;
    return `(SELECT * FROM ${table}${processed ? ' FINAL' : ''} WHERE ${where.join(' AND ')})`;
  }).trim();
}

/** Renders every statement of a stream plan, in the order a setup runs them. Pure. */
export function renderStream(spec: StreamSpec): StreamStatement[] {
  const out: StreamStatement[] = [];
  // Every object of the chain carries its definition as COMMENT; the ledger is shared with other plans.
  const add = (step: string, file: string, role: string, type: string, fields: Record<string, unknown>) => {
    const sql = renderStep('stream', { type, ...fields });
    out.push({ step, file, role, ...(step === 'create_ledger' ? { sql } : withDefinition(step, sql)) });
  };
  const tables = chainTables(spec);
  const parse = {
    landing: tables.landing,
    deadLetter: tables.deadLetter,
    parsedLog: tables.parsedLog,
    classified: tables.classified,
  };
  add('create_database', '00_create_database.sql', "the chain's database, ENGINE = Atomic", 'create_database', {
    database: spec.database,
  });
  add(
    'create_ledger',
    '01_create_ledger.sql',
    'ledger table recording every rebuilt day (created if missing)',
    'create_ledger',
    { ledger: spec.ledger, cluster: null },
  );
  add(
    'migrate_ledger',
    '01_migrate_ledger.sql',
    'adds the columns a ledger created by an older chplan lacks (chunk_key, source_version, unit, note, cursor) and keeps lease heartbeats 7 days',
    'migrate_ledger',
    { ledger: spec.ledger, cluster: null },
  );
  add(
    'append_ledger',
    '01_append_ledger.sql',
    'appends a rebuilt day, a publish or the lease to the ledger (every ledger row)',
    'append_ledger',
    { ledger: spec.ledger },
  );

  add('create_landing', '02_create_landing.sql', 'landing table: every message as one line', 'create_landing', parse);
  add(
    'create_dead_letter',
    '02_create_dead_letter.sql',
    'dead letter: unusable messages with their reason',
    'create_dead_letter',
    parse,
  );
  add(
    'create_parsed_log',
    '02_create_parsed_log.sql',
    'parsed log: key, version and op of every usable message',
    'create_parsed_log',
    parse,
  );
  add('replay_file', '02_replay_file.sql', 'chplan replay on an engine that reads the file itself', 'replay_file', {
    ...parse,
    settings: LANDING_INSERT_SETTINGS,
  });
  add('replay_lines', '02_replay_lines.sql', 'chplan replay to a server: the lines follow in blocks', 'replay_lines', {
    ...parse,
    settings: LANDING_INSERT_SETTINGS,
  });
  add(
    'source_version',
    '02_source_version.sql',
    'what a rebuild is built from: the messages landed so far (resume rebuilds a day when it changed)',
    'source_version',
    parse,
  );
  add(
    'create_classified',
    '02_create_classified.sql',
    'classified messages (Null engine): the envelope read once',
    'create_classified',
    parse,
  );
  for (const table of spec.tables) {
    const columns = [
      ...table.columns.map((c) => ({ name: c.name, type: c.type })),
      ...table.computed.map((c) => ({ name: c.name, type: c.type })),
    ];
    add(
      `table.${table.name}.create`,
      `03_${table.name}.sql`,
      `processed table: latest state of ${table.source} per key`,
      'create_processed',
      {
        name: table.name,
        source: table.source,
        target: tables.table(table.name),
        columns,
        keyList: table.key.map(quoteIdent).join(', '),
        versionField: spec.envelope.version === 'lsn' ? 'source.lsn' : 'source.ts_ms',
      },
    );
    add(
      `table.${table.name}.create_typed`,
      `03_${table.name}_typed.sql`,
      `typed ${table.source} messages (Null engine)`,
      'create_typed',
      {
        source: table.source,
        typed: tables.table(`${table.name}_typed`),
        columns: typedColumns(table),
      },
    );
  }
  add(
    'classify_view',
    '04_classify_view.sql',
    'view: landing → classified (the envelope, parsed once)',
    'classify_view',
    {
      ...parse,
      view: tables.table(`${spec.name}_classify_mv`),
      envelope: envelopeColumns(spec),
      reason: envelopeReasonExpr(spec),
    },
  );
  add(
    'envelope_dead_letter_view',
    '04_envelope_dead_letter_view.sql',
    'view: unusable envelopes → dead letter',
    'envelope_dead_letter_view',
    { ...parse, view: tables.table(`${spec.name}_envelope_dead_letter_mv`) },
  );
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
    add(
      `table.${table.name}.typed_view`,
      `05_${table.name}_typed_view.sql`,
      `view: classified → typed ${table.source} rows (the row parsed once)`,
      'typed_view',
      {
        ...common,
        view: tables.table(`${table.name}_typed_mv`),
        typedSelect: typedSelect(table),
        typedNames: table.columns.map((c) => quoteIdent(`_c_${c.name}`)),
        reason: tableReasonExpr(table),
      },
    );
    add(
      `table.${table.name}.processed_view`,
      `05_${table.name}_processed_view.sql`,
      `view: typed rows → ${table.name}`,
      'processed_view',
      { ...common, view: tables.table(`${table.name}_mv`), select: processedSelect(table) },
    );
    add(
      `table.${table.name}.parsed_log_view`,
      `05_${table.name}_parsed_log_view.sql`,
      'view: typed rows → parsed log',
      'parsed_log_view',
      { ...common, view: tables.table(`${table.name}_parsed_log_mv`), keyHash: keyHashExpr(table) },
    );
    add(
      `table.${table.name}.dead_letter_view`,
      `05_${table.name}_dead_letter_view.sql`,
      'view: rows with missing or ill-typed fields → dead letter',
      'row_dead_letter_view',
      { ...common, view: tables.table(`${table.name}_dead_letter_mv`) },
    );
  }
  if (spec.kafka) {
    const kafka = {
      kafka: tables.kafka,
      landing: tables.landing,
      deadLetter: tables.deadLetter,
      collection: kafkaCollection(spec),
    };
    add('kafka.create', '06_kafka.sql', 'the Kafka table (LineAsString, errors streamed)', 'create_kafka', {
      ...kafka,
      topics: spec.kafka.topics.join(','),
      group: spec.kafka.group,
      consumers: spec.kafka.consumers,
    });
    add('kafka.to_landing', '06_kafka_to_landing.sql', 'view: Kafka → landing', 'kafka_to_landing', {
      ...kafka,
      view: tables.table(`${spec.name}_kafka_mv`),
    });
    add('kafka.errors', '06_kafka_errors.sql', 'view: Kafka errors → dead letter', 'kafka_errors', {
      ...kafka,
      view: tables.table(`${spec.name}_kafka_errors_mv`),
    });
  }
  for (const aggregate of spec.aggregates) renderAggregate(spec, aggregate, add);
  for (const dictionary of spec.dictionaries) {
    add(
      `dictionary.${dictionary.name}`,
      `08_${dictionary.name}.sql`,
      `dictionary over PostgreSQL's ${dictionary.table}`,
      'create_dictionary',
      {
        name: dictionary.name,
        dictionary: tables.table(dictionary.name),
        pgTable: dictionary.table,
        key: dictionary.key,
        attributes: dictionary.attributes,
        collection: pgCollection(spec),
        lifetime: dictionary.lifetimeSeconds,
        lifetimeMin: Math.max(1, Math.floor(dictionary.lifetimeSeconds / 2)),
      },
    );
  }
  for (const view of spec.views) {
    add(`view.${view.name}`, `09_${view.name}.sql`, 'reporting view', 'create_view', {
      name: view.name,
      view: tables.table(view.name),
      select: resolveSelect(spec, view.select, { windowed: false }),
    });
  }
  add(
    'validate_accounting',
    '10_validate_accounting.sql',
    'validation: landed = parsed + dead-lettered',
    'validate_accounting',
    parse,
  );
  add(
    'validate_dead_changes',
    '10_validate_dead_changes.sql',
    "validation: updates, deletes and truncates of the chain's tables that were dead-lettered",
    'validate_dead_changes',
    {
      ...parse,
      payload: spec.envelope.wrapper === 'payload',
      sources: spec.tables.map((t) => quoteString(t.source)).join(', '),
    },
  );
  for (const table of spec.tables) {
    add(
      `table.${table.name}.validate`,
      `10_validate_${table.name}.sql`,
      'validation: rows against the latest version per key',
      'validate_state',
      { ...parse, name: table.name, source: table.source, target: tables.table(table.name) },
    );
  }
  return numberInOrder(out);
}

/** An aggregate's statements, in order: step type, template, role. */
const AGGREGATE_STATEMENTS: [string, string, string][] = [
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
  add: (step: string, file: string, role: string, type: string, fields: Record<string, unknown>) => void,
): void {
  const tables = chainTables(spec);
  const common = {
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
    add(
      aggregateStep(aggregate.name, type),
      `07_${aggregate.name}/${String(i + 1).padStart(2, '0')}_${type}.sql`,
      role,
      template,
      common,
    );
  });
}
