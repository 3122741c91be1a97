import { quoteIdent } from '../../../core/quote.js';
import type { ChainContext, StreamTemplate } from './chain-context.js';
import { resolveSelect } from './chain-tables.js';
import type { StreamAggregate } from './spec.js';

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

/** The step of an aggregate's statement: `agg.experiment_hourly_stats.insert_day`. */
export function aggregateStep(aggregate: string, type: AggregateStep): string {
  return `agg.${aggregate}.${type}`;
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

/** Adds an aggregate's statements: its table, its staging, and each step of a day's rebuild and check. */
export function addAggregateStatements({ spec, tables, add, addAll }: ChainContext, aggregate: StreamAggregate): void {
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
  addAll(`agg.${aggregate.name}.create_all`, `07_${aggregate.name}/00_all.sql`, tables.table(aggregate.name));
}
