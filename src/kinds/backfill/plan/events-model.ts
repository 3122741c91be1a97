/**
 * The tables of Langfuse's events backfill (seed 002), as Langfuse defines them in ClickHouse
 * (`packages/shared/clickhouse/migrations/unclustered/`: 0001 traces, 0002 observations,
 * 0008 environment, 0039 events_full), and how an event is made from an observation and its
 * trace. Pure data and expressions; the compiler lays them into SQL.
 */

export interface ColumnDef {
  name: string;
  type: string;
  /** DEFAULT / MATERIALIZED / ALIAS / CODEC clause. */
  modifier?: string;
}

/** The events table chplan creates when the target does not exist (a subset of events_full: what the backfill fills). */
export const EVENTS_COLUMNS: ColumnDef[] = [
  { name: 'project_id', type: 'String' },
  { name: 'trace_id', type: 'String' },
  { name: 'span_id', type: 'String' },
  { name: 'parent_span_id', type: 'String' },
  { name: 'start_time', type: 'DateTime64(6)' },
  { name: 'end_time', type: 'Nullable(DateTime64(6))' },
  { name: 'name', type: 'String' },
  { name: 'type', type: 'LowCardinality(String)' },
  { name: 'environment', type: 'LowCardinality(String)', modifier: "DEFAULT 'default'" },
  { name: 'version', type: 'String' },
  { name: 'release', type: 'String' },
  { name: 'trace_name', type: 'String' },
  { name: 'user_id', type: 'String' },
  { name: 'session_id', type: 'String' },
  { name: 'tags', type: 'Array(String)' },
  { name: 'level', type: 'LowCardinality(String)' },
  { name: 'status_message', type: 'String' },
  { name: 'completion_start_time', type: 'Nullable(DateTime64(6))' },
  { name: 'bookmarked', type: 'Bool', modifier: 'DEFAULT false' },
  { name: 'public', type: 'Bool', modifier: 'DEFAULT false' },
  { name: 'prompt_id', type: 'String' },
  { name: 'prompt_name', type: 'String' },
  { name: 'prompt_version', type: 'Nullable(UInt16)' },
  { name: 'model_id', type: 'String' },
  { name: 'provided_model_name', type: 'String' },
  { name: 'model_parameters', type: 'String' },
  { name: 'provided_usage_details', type: 'Map(LowCardinality(String), UInt64)' },
  { name: 'usage_details', type: 'Map(LowCardinality(String), UInt64)' },
  { name: 'provided_cost_details', type: 'Map(LowCardinality(String), Decimal(18, 12))' },
  { name: 'cost_details', type: 'Map(LowCardinality(String), Decimal(18, 12))' },
  { name: 'input', type: 'String', modifier: 'CODEC(ZSTD(3))' },
  { name: 'output', type: 'String', modifier: 'CODEC(ZSTD(3))' },
  { name: 'metadata_names', type: 'Array(String)' },
  { name: 'metadata_values', type: 'Array(String)' },
  { name: 'source', type: 'LowCardinality(String)' },
  { name: 'created_at', type: 'DateTime64(6)', modifier: 'DEFAULT now()' },
  { name: 'updated_at', type: 'DateTime64(6)', modifier: 'DEFAULT now()' },
  { name: 'event_ts', type: 'DateTime64(6)' },
  { name: 'is_deleted', type: 'UInt8' },
];

export const EVENTS_INDEXES = [
  { name: 'idx_span_id', expr: 'span_id' },
  { name: 'idx_trace_id', expr: 'trace_id' },
  { name: 'idx_user_id', expr: 'user_id' },
  { name: 'idx_session_id', expr: 'session_id' },
];

export const EVENTS_PRIMARY_KEY = ['project_id', 'toStartOfMinute(start_time)', 'xxHash32(trace_id)'];
export const EVENTS_ORDER_BY = [...EVENTS_PRIMARY_KEY, 'span_id', 'start_time'];

/** Observation columns the backfill reads (Langfuse's `observations`, with `environment`). */
export const OBSERVATION_COLUMNS = [
  'id', 'trace_id', 'project_id', 'type', 'parent_observation_id', 'start_time', 'end_time', 'name', 'metadata', 'level',
  'status_message', 'version', 'input', 'output', 'provided_model_name', 'internal_model_id', 'model_parameters',
  'provided_usage_details', 'usage_details', 'provided_cost_details', 'cost_details', 'completion_start_time',
  'prompt_id', 'prompt_name', 'prompt_version', 'environment', 'created_at', 'updated_at', 'event_ts', 'is_deleted',
];

/** Trace columns every backfill reads, whatever it enriches with. */
export const TRACE_KEY_COLUMNS = ['project_id', 'id', 'timestamp', 'event_ts', 'version', 'metadata'];

/** Event columns taken from the observation alone: target column → expression over `o`. */
export const FROM_OBSERVATION: [string, string][] = [
  ['project_id', 'o.project_id'],
  ['trace_id', 'o.trace_id'],
  ['span_id', 'o.id'],
  ['parent_span_id', "ifNull(o.parent_observation_id, '')"],
  ['start_time', 'o.start_time'],
  ['end_time', 'o.end_time'],
  ['name', 'o.name'],
  ['type', 'o.type'],
  ['environment', 'o.environment'],
  ['level', 'o.level'],
  ['status_message', "ifNull(o.status_message, '')"],
  ['completion_start_time', 'o.completion_start_time'],
  ['prompt_id', "ifNull(o.prompt_id, '')"],
  ['prompt_name', "ifNull(o.prompt_name, '')"],
  ['prompt_version', 'o.prompt_version'],
  ['model_id', "ifNull(o.internal_model_id, '')"],
  ['provided_model_name', "ifNull(o.provided_model_name, '')"],
  ['model_parameters', "ifNull(o.model_parameters, '{}')"],
  ['provided_usage_details', 'o.provided_usage_details'],
  ['usage_details', 'o.usage_details'],
  ['provided_cost_details', 'o.provided_cost_details'],
  ['cost_details', 'o.cost_details'],
  ['input', "ifNull(o.input, '')"],
  ['output', "ifNull(o.output, '')"],
  ['source', "'backfill'"],
  ['created_at', 'o.created_at'],
  ['updated_at', 'o.updated_at'],
  ['event_ts', 'o.event_ts'],
  ['is_deleted', '0'],
];
