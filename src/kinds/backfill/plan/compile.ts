import { SchemaError } from '../../../core/errors.js';
import { quoteIdent, quoteString } from '../../../core/quote.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { inExecutionOrder } from '../../../plan/plan-dir.js';
import { renderStep } from '../../../render/render.js';
import type { BackfillSpec } from './spec.js';
import {
  EVENTS_COLUMNS,
  EVENTS_INDEXES,
  EVENTS_ORDER_BY,
  EVENTS_PRIMARY_KEY,
  EVENTS_SETTINGS,
  OBSERVATION_COLUMNS,
  OBSERVATION_EVENT,
  ROOT_SPAN_EVENT,
  TRACE_COLUMNS,
  TRACE_JOIN_COLUMNS,
} from './events-model.js';
import type { DerivedTable } from './derived.js';

/** Where each statement of a backfill plan lives, in execution order, and what it is for. */
export const BACKFILL_FILES = inExecutionOrder([
  [
    'check_colocation',
    'cluster only: refuses when a trace of the partition has observations, its trace row or dataset-run items on more than one shard',
  ],
  ['create_ledger', 'ledger table recording every chunk and publish (created if missing)'],
  [
    'migrate_ledger',
    'adds the columns a ledger created by an older chplan lacks (chunk_key, source_version, unit, note, cursor) and keeps lease heartbeats 7 days',
  ],
  ['append_ledger', 'appends a chunk, a publish or the lease to the ledger (every ledger row)'],
  ['create_target', 'events table DDL (created if missing; an existing one is checked first)'],
  ['create_staging', "staging table with the target's structure"],
  [
    'create_derived_staging',
    'staging for the table a materialized view derives from the target (Langfuse: events_core)',
  ],
  ['create_distributed', "cluster only: Distributed table over every shard's events"],
  ['clear_staging_partition', 'drops a partition from staging before it is rebuilt'],
  ['clear_staging_window', "removes a retried chunk's window from staging"],
  ['count_source', 'observation and trace rows a chunk reads (dry-run estimate, ledger)'],
  [
    'insert_chunk',
    "THE backfill: one INSERT … SELECT per chunk (observations' events and root spans), bounds bound as parameters",
  ],
  ['count_staging', 'events a chunk wrote into staging'],
  ['check_staging', 'row and part count of a staged partition, checked before publish'],
  [
    'validate_events',
    'validation, row by row: every event of a partition (staging before publish, the target after), all its columns as one hash, against observations and traces',
  ],
  ['validate_columns', 'validation, column by column, run when rows differ: which columns'],
  ['validate_totals', 'validation: usage and cost totals, rows stored twice'],
  ['clear_derived_staging', 'drops a partition from the derived staging'],
  ['fill_derived', "the view's own SELECT over the staged partition, into the derived staging"],
  ['check_derived', 'rows of the derived staging partition against the view over staging'],
  ['publish_derived', "atomic REPLACE (or ATTACH) of the derived table's partition"],
  ['publish_partition', 'atomic REPLACE (or ATTACH, missing-only) of a partition from staging'],
]);

export type BackfillStepType = keyof typeof BACKFILL_FILES;

export interface Column {
  name: string;
  type: string;
}

/** Everything a backfill plan is compiled from besides the spec: the tables as they are. */
export interface BackfillInputs {
  spec: BackfillSpec;
  source: Column[];
  lookup: Column[];
  /** The target's columns when it exists (checked against the events model), else null. */
  target: Column[] | null;
  /** The dataset-run table's columns when the spec excludes dataset runs, else null. */
  exclude: Column[] | null;
  /** The table a materialized view derives from the target (events_core), if any. */
  derived: DerivedTable | null;
}

const WRITTEN = OBSERVATION_EVENT.map(([name]) => name);

function typeOf(columns: Column[], name: string): string | undefined {
  return columns.find((c) => c.name === name)?.type;
}

function requireColumns(table: TableRef, role: string, columns: Column[], needed: string[], fix: string): void {
  const absent = needed.filter((n) => typeOf(columns, n) === undefined);
  if (absent.length > 0) {
    throw new SchemaError(
      `The ${role} ${formatTableRef(table)} lacks column(s) the backfill reads: ${absent.join(', ')}. Nothing was compiled or written. ${fix}`,
    );
  }
}

/** Differences of an existing target from the columns the backfill writes, as human lines. Pure. */
export function targetDiff(target: Column[]): string[] {
  const lines: string[] = [];
  for (const name of WRITTEN) {
    const want = EVENTS_COLUMNS.find((c) => c.name === name)!.type;
    const have = typeOf(target, name);
    if (have === undefined) lines.push(`- ${name} ${want} (missing)`);
    else if (have !== want) lines.push(`~ ${name} is ${have}, the backfill writes ${want}`);
  }
  return lines;
}

/** The value a column of `type` takes when NULL is inserted into it (insert_null_as_default). */
function asStored(expr: string, type: string): string {
  return type.startsWith('Nullable(')
    ? `CAST(${expr}, ${quoteString(type)})`
    : `CAST(ifNull(${expr}, defaultValueOfTypeName(${quoteString(type)})), ${quoteString(type)})`;
}

/** Per written column: the expression of an observation's event and of a root span. Pure. */
export function eventColumns(
  spec: BackfillSpec,
): { name: string; type: string; observation: string; rootSpan: string }[] {
  return OBSERVATION_EVENT.map(([name, expr]) => {
    const merged =
      spec.mergeTraceMetadata && name.startsWith('metadata_')
        ? expr.replace('o.metadata', "if(t.id != '', mapUpdate(t.metadata, o.metadata), o.metadata)")
        : expr;
    return {
      name,
      type: EVENTS_COLUMNS.find((c) => c.name === name)!.type,
      observation: merged,
      rootSpan: ROOT_SPAN_EVENT[name] ?? 'NULL',
    };
  });
}

/** The steps of a backfill plan, each with its template's data. Pure. */
export function backfillSteps(
  inputs: BackfillInputs,
  tables: BackfillTables,
): { type: BackfillStepType; [field: string]: unknown }[] {
  const { spec } = inputs;
  requireColumns(
    spec.source,
    'observations table',
    inputs.source,
    OBSERVATION_COLUMNS,
    "Point --source at a Langfuse observations table migrated to Langfuse's current schema (chplan seed --kind langfuse creates one).",
  );
  requireColumns(
    spec.lookup,
    'traces table',
    inputs.lookup,
    TRACE_COLUMNS,
    "Point --lookup at a Langfuse traces table migrated to Langfuse's current schema.",
  );
  if (spec.exclude && inputs.exclude)
    requireColumns(
      spec.exclude,
      'dataset-run table',
      inputs.exclude,
      ['project_id', 'trace_id'],
      'Point "excludeDatasetRuns" at Langfuse\'s dataset_run_items_rmt, or set it to null.',
    );
  if (inputs.target) {
    const diff = targetDiff(inputs.target);
    if (diff.length > 0) {
      throw new SchemaError(
        `The target ${formatTableRef(spec.target)} exists but is not an events table the backfill can write:\n  ${diff.join('\n  ')}\nNothing was compiled or written. Point --target at Langfuse's events_full (or a table chplan creates), or migrate this one.`,
      );
    }
  }
  const columns = eventColumns(spec);
  // Columns whose value needs the trace: the validation hashes them after its join, the rest before aggregating.
  const mixed = columns.filter((c) => /\bt\./.test(c.observation));
  const replace = spec.publish === 'replace';
  const excludeTable = spec.exclude ?? null;
  const shared = { ...tables, excludeTable, replace, columns, mergeTraceMetadata: spec.mergeTraceMetadata };
  const traceJoinColumns = spec.mergeTraceMetadata ? [...TRACE_JOIN_COLUMNS, 'metadata'] : TRACE_JOIN_COLUMNS;
  const checks = columns.map((c) => ({
    name: c.name,
    mixed: mixed.includes(c),
    observation: asStored(c.observation, c.type),
    rootSpan: asStored(c.rootSpan, c.type),
    actual: quoteIdent(c.name),
  }));
  // A hash compares some columns: those needing only the observation are hashed before aggregating
  // (`before`), the others after the trace join (`after`). One hash per row, or one per column.
  const hashOf = (name: string, of: typeof checks) => ({
    name,
    before: of.filter((c) => !c.mixed),
    after: of.filter((c) => c.mixed),
  });
  const validation = (type: 'validate_events' | 'validate_columns') => ({
    type,
    ...shared,
    traceJoinColumns: traceJoinColumns.filter((c) => !['project_id', 'id'].includes(c)),
    rawSourceColumns: [
      ...new Set(mixed.flatMap((c) => [...c.observation.matchAll(/\bo\.(\w+)/g)].map((m) => m[1]!))),
    ].filter((c) => !['project_id', 'trace_id', 'id', 'start_time'].includes(c)),
    perColumn: type === 'validate_columns',
    hashes: type === 'validate_columns' ? checks.map((c) => hashOf(c.name, [c])) : [hashOf('row', checks)],
  });
  const derived = inputs.derived;
  const cluster = spec.cluster;
  const settings = EVENTS_SETTINGS;
  const derivedSteps: { type: BackfillStepType; [field: string]: unknown }[] = derived
    ? [
        {
          type: 'create_derived_staging',
          cluster,
          settings,
          derived: derived.table,
          derivedStaging: tables.derivedStaging,
          view: derived.view,
        },
        {
          type: 'fill_derived',
          derivedStaging: tables.derivedStaging,
          view: derived.view,
          select: derived.selectOverStaging,
        },
        {
          type: 'check_derived',
          derivedStaging: tables.derivedStaging,
          view: derived.view,
          select: derived.selectOverStaging,
        },
        { type: 'publish_derived', derived: derived.table, derivedStaging: tables.derivedStaging, replace },
        { type: 'clear_derived_staging', derivedStaging: tables.derivedStaging },
      ]
    : [];
  const clusterSteps: { type: BackfillStepType; [field: string]: unknown }[] = cluster
    ? [
        { type: 'check_colocation', cluster, ...tables, excludeTable },
        { type: 'create_distributed', cluster, target: tables.target, distributed: tables.distributed },
      ]
    : [];
  return [
    ...clusterSteps,
    { type: 'create_ledger', cluster, ledger: tables.ledger },
    { type: 'append_ledger', ledger: tables.ledger },
    { type: 'migrate_ledger', cluster, ledger: tables.ledger },
    {
      type: 'create_target',
      cluster,
      settings,
      target: tables.target,
      columns: EVENTS_COLUMNS,
      indexes: EVENTS_INDEXES,
      primaryKey: EVENTS_PRIMARY_KEY,
      orderBy: EVENTS_ORDER_BY,
    },
    { type: 'create_staging', cluster, settings, staging: tables.staging, target: tables.target },
    { type: 'clear_staging_partition', staging: tables.staging },
    { type: 'clear_staging_window', staging: tables.staging },
    { type: 'count_source', ...tables },
    {
      type: 'insert_chunk',
      ...shared,
      sourceColumns: OBSERVATION_COLUMNS,
      traceJoinColumns,
      traceColumns: TRACE_COLUMNS,
      // Measured on the benchmark month: two insert threads with 64 MiB blocks wrote 10% faster
      // than the defaults and with 40% less peak memory (events carry long input/output strings).
      settings: [
        { alias: 'max_insert_threads', expr: '2' },
        { alias: 'min_insert_block_size_bytes', expr: '67108864' },
      ],
    },
    { type: 'count_staging', staging: tables.staging },
    { type: 'check_staging', staging: tables.staging },
    validation('validate_events'),
    validation('validate_columns'),
    { type: 'validate_totals', ...shared },
    ...derivedSteps,
    { type: 'publish_partition', cluster, target: tables.target, staging: tables.staging, replace },
  ];
}

export type BackfillTables = Record<
  'source' | 'lookup' | 'target' | 'staging' | 'derivedStaging' | 'ledger' | 'distributed',
  TableRef
>;

/**
 * Names chplan derives from the spec: staging next to the target, the ledger in its database, a cluster's
 * `<target>_all`.
 */
export function backfillTables(spec: BackfillSpec, derived: TableRef | null = null): BackfillTables {
  const beside = (table: TableRef) => ({ database: table.database, name: `${table.name}__chplan_staging` });
  return {
    source: spec.source,
    lookup: spec.lookup,
    target: spec.target,
    staging: beside(spec.target),
    derivedStaging: beside(derived ?? { database: spec.target.database, name: `${spec.target.name}__derived` }),
    ledger: { database: spec.target.database, name: 'chplan_ledger' },
    distributed: { database: spec.target.database, name: `${spec.target.name}_all` },
  };
}

/** Each step as its plan file's SQL. Pure. */
export function renderBackfill(
  inputs: BackfillInputs,
): { step: BackfillStepType; file: string; role: string; sql: string }[] {
  return backfillSteps(inputs, backfillTables(inputs.spec, inputs.derived?.table ?? null)).map((step) => ({
    step: step.type,
    ...BACKFILL_FILES[step.type],
    sql: renderStep('backfill', step),
  }));
}
