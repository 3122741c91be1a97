import { quoteIdent, quoteTable } from '../../../core/quote.js';
import { numberInOrder } from '../../../plan/plan-dir.js';
import { renderStep } from '../../../render/render.js';
import { withDefinition, type PlannedObject } from '../../../plan/definition.js';
import {
  envelopeColumns,
  envelopeReasonExpr,
  keyHashExpr,
  processedSelect,
  routeKeyExpr,
  tableReasonExpr,
  typedColumns,
  typedSelect,
} from './parse-sql.js';
import { toastResolution } from './toast-sql.js';
import { liveViewName, type StreamSpec } from './spec.js';
import { chainContext, type ChainContext } from './chain-context.js';
import { kafkaCollection, lastTruncate, liveCondition, pgCollection, readable, resolveSelect } from './chain-tables.js';
import { addReplayStatements } from './replay-sql.js';
import { addAggregateStatements } from './aggregate-sql.js';
import { addValidationStatements } from './validate-sql.js';

export interface StreamStatement {
  step: string;
  file: string;
  role: string;
  sql: string;
  /** What a CREATE … IF NOT EXISTS statement creates, with its definition. */
  object?: PlannedObject;
}

/** Renders every statement of a stream plan, in the order a setup runs them. Pure. */
export function renderStream(spec: StreamSpec): StreamStatement[] {
  const out: StreamStatement[] = [];
  // Every object of the chain carries its definition as COMMENT; the ledger is shared with other plans.
  const chain = chainContext(spec, ({ step, file, role, template, fields }) => {
    const sql = renderStep('stream', { type: template, ...fields });
    out.push({ step, file, role, ...(step === 'create_ledger' ? { sql } : withDefinition(step, sql)) });
  });
  addStorage(chain);
  addReplayStatements(chain);
  addTables(chain);
  addViews(chain);
  addKafka(chain);
  for (const aggregate of spec.aggregates) addAggregateStatements(chain, aggregate);
  addLookups(chain);
  addValidationStatements(chain);
  return numberInOrder(out);
}

/** Adds the chain's database, the ledger, and the tables messages land and are accounted in. */
function addStorage({ spec, tables, parse, add, addAll }: ChainContext): void {
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
}

/** Adds what a rebuild reads the landing by, the classified messages, and each processed and typed table. */
function addTables({ spec, tables, parse, add, addAll }: ChainContext): void {
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
        versionType: parse.versionType,
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
        columns: typedColumns(table, parse.versionType),
      },
    });
  }
}

/** Adds the views that parse each landed message once, into its table, the parsed log or the dead letter. */
function addViews({ spec, tables, parse, add }: ChainContext): void {
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
}

/** Adds the Kafka table and its views into the landing table and the dead letter, where the spec reads Kafka. */
function addKafka({ spec, tables, arrival, add }: ChainContext): void {
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
}

/** Adds the dictionaries over PostgreSQL's tables and the reporting views. */
function addLookups({ spec, tables, add }: ChainContext): void {
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
}
