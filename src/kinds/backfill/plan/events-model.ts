/**
 * Langfuse's events backfill as Langfuse itself writes it, at langfuse/langfuse
 * 62751446149b702b419a9292ddfc2280cdf74b8c (the files are vendored under vendor/langfuse/):
 * - the tables: packages/shared/clickhouse/migrations/unclustered/ 0001 traces, 0002
 *   observations (+0008, 0031, 0033), 0039 events_full (+0042), 0040/0041 events_core and
 *   its view, 0024 dataset_run_items_rmt;
 * - the rows: worker/src/backgroundMigrations/createRootSpansFromTraces.ts (one root span per
 *   trace) and backfillEventsFullFromObservations.ts (one event per observation, its trace's
 *   attributes joined from the same monthly partition).
 * Pure data and expressions; the compiler lays them into SQL.
 */

export interface ColumnDef {
  name: string;
  type: string;
  /** DEFAULT / MATERIALIZED / ALIAS / CODEC clause. */
  modifier?: string;
}

const COST = "arraySum(mapValues(mapFilter(x -> positionCaseInsensitive(x.1, '%s') > 0, cost_details)))";

/** events_full as migrations 0039 and 0042 leave it: the table chplan creates when the target does not exist. */
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
  { name: 'is_app_root', type: 'Bool', modifier: 'DEFAULT false' },
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
  { name: 'calculated_input_cost', type: 'Decimal(18, 12)', modifier: `MATERIALIZED ${COST.replace('%s', 'input')}` },
  { name: 'calculated_output_cost', type: 'Decimal(18, 12)', modifier: `MATERIALIZED ${COST.replace('%s', 'output')}` },
  {
    name: 'calculated_total_cost',
    type: 'Decimal(18, 12)',
    modifier:
      "MATERIALIZED arraySum(mapValues(mapFilter(x -> positionCaseInsensitive(x.1, 'input') > 0 OR positionCaseInsensitive(x.1, 'output') > 0, cost_details)))",
  },
  { name: 'total_cost', type: 'Decimal(18, 12)', modifier: "ALIAS cost_details['total']" },
  { name: 'usage_pricing_tier_id', type: 'Nullable(String)' },
  { name: 'usage_pricing_tier_name', type: 'Nullable(String)' },
  { name: 'tool_definitions', type: 'Map(String, String)' },
  { name: 'tool_calls', type: 'Array(String)' },
  { name: 'tool_call_names', type: 'Array(String)' },
  { name: 'input', type: 'String', modifier: 'CODEC(ZSTD(3))' },
  { name: 'input_length', type: 'UInt64', modifier: 'MATERIALIZED lengthUTF8(input)' },
  { name: 'output', type: 'String', modifier: 'CODEC(ZSTD(3))' },
  { name: 'output_length', type: 'UInt64', modifier: 'MATERIALIZED lengthUTF8(output)' },
  { name: 'metadata_names', type: 'Array(String)' },
  { name: 'metadata_values', type: 'Array(String)' },
  { name: 'experiment_id', type: 'String' },
  { name: 'experiment_name', type: 'String' },
  { name: 'experiment_metadata_names', type: 'Array(String)' },
  { name: 'experiment_metadata_values', type: 'Array(String)' },
  { name: 'experiment_description', type: 'String' },
  { name: 'experiment_dataset_id', type: 'String' },
  { name: 'experiment_item_id', type: 'String' },
  { name: 'experiment_item_version', type: 'Nullable(DateTime64(6))' },
  { name: 'experiment_item_expected_output', type: 'String' },
  { name: 'experiment_item_metadata_names', type: 'Array(String)' },
  { name: 'experiment_item_metadata_values', type: 'Array(String)' },
  { name: 'experiment_item_root_span_id', type: 'String' },
  { name: 'source', type: 'LowCardinality(String)' },
  { name: 'service_name', type: 'String' },
  { name: 'service_version', type: 'String' },
  { name: 'scope_name', type: 'String' },
  { name: 'scope_version', type: 'String' },
  { name: 'telemetry_sdk_language', type: 'LowCardinality(String)' },
  { name: 'telemetry_sdk_name', type: 'String' },
  { name: 'telemetry_sdk_version', type: 'String' },
  { name: 'blob_storage_file_path', type: 'String' },
  { name: 'event_bytes', type: 'UInt64' },
  { name: 'created_at', type: 'DateTime64(6)', modifier: 'DEFAULT now()' },
  { name: 'updated_at', type: 'DateTime64(6)', modifier: 'DEFAULT now()' },
  { name: 'event_ts', type: 'DateTime64(6)' },
  { name: 'is_deleted', type: 'UInt8' },
  { name: 'ingestion_api_key', type: 'String', modifier: "DEFAULT ''" },
  { name: 'ingestion_sdk_name', type: 'LowCardinality(String)', modifier: "DEFAULT 'unknown'" },
  { name: 'ingestion_sdk_version', type: 'LowCardinality(String)', modifier: "DEFAULT 'unknown'" },
];

/** events_full's skipping indexes (0039, 0043). */
export const EVENTS_INDEXES = [
  { name: 'idx_span_id', expr: 'span_id', type: 'bloom_filter(0.01)', granularity: 1 },
  { name: 'idx_trace_id', expr: 'trace_id', type: 'bloom_filter(0.01)', granularity: 1 },
  { name: 'idx_user_id', expr: 'user_id', type: 'bloom_filter(0.01)', granularity: 1 },
  { name: 'idx_session_id', expr: 'session_id', type: 'bloom_filter(0.01)', granularity: 1 },
  { name: 'idx_created_at', expr: 'created_at', type: 'minmax', granularity: 1 },
  { name: 'idx_updated_at', expr: 'updated_at', type: 'minmax', granularity: 1 },
  {
    name: 'idx_ngram_metadata_values',
    expr: 'arrayStringConcat(metadata_values)',
    type: 'ngrambf_v1(4, 32000, 3, 0)',
    granularity: 2,
  },
];

export const EVENTS_PRIMARY_KEY = ['project_id', 'toStartOfMinute(start_time)', 'xxHash32(trace_id)'];
export const EVENTS_ORDER_BY = [...EVENTS_PRIMARY_KEY, 'span_id', 'start_time'];

/** events_full's table settings (0039): also given to a cluster plan's local staging. */
export const EVENTS_SETTINGS =
  "index_granularity_bytes = '64Mi', merge_max_block_size_bytes = '64Mi', enable_block_number_column = 1, enable_block_offset_column = 1";

/** Observation columns the backfill reads (observations after migrations 0008, 0031 and 0033). */
export const OBSERVATION_COLUMNS = [
  'id',
  'trace_id',
  'project_id',
  'environment',
  'type',
  'parent_observation_id',
  'start_time',
  'end_time',
  'name',
  'metadata',
  'level',
  'status_message',
  'version',
  'input',
  'output',
  'provided_model_name',
  'internal_model_id',
  'model_parameters',
  'provided_usage_details',
  'usage_details',
  'provided_cost_details',
  'cost_details',
  'completion_start_time',
  'prompt_id',
  'prompt_name',
  'prompt_version',
  'usage_pricing_tier_id',
  'usage_pricing_tier_name',
  'tool_definitions',
  'tool_calls',
  'tool_call_names',
  'created_at',
  'updated_at',
  'event_ts',
  'is_deleted',
];

/** Trace columns an observation's event takes (backfillEventsFullFromObservations' join). */
export const TRACE_JOIN_COLUMNS = [
  'project_id',
  'id',
  'version',
  'release',
  'tags',
  'public',
  'bookmarked',
  'name',
  'user_id',
  'session_id',
];

/** Trace columns a root span is made of (createRootSpansFromTraces). */
export const TRACE_COLUMNS = [
  'project_id',
  'id',
  'timestamp',
  'name',
  'environment',
  'version',
  'release',
  'tags',
  'user_id',
  'session_id',
  'public',
  'bookmarked',
  'input',
  'output',
  'metadata',
  'created_at',
  'updated_at',
  'event_ts',
  'is_deleted',
];

/**
 * An observation's event: target column → expression over the observation `o` and its trace `t`
 * (the trace's latest version in the same monthly partition, deleted or not; none: `t`'s
 * columns are their types' defaults, NULL where Nullable). backfillEventsFullFromObservations,
 * buildChunkQuery, column by column.
 */
export const OBSERVATION_EVENT: [string, string][] = [
  ['project_id', 'o.project_id'],
  ['trace_id', 'o.trace_id'],
  ['span_id', 'o.id'],
  ['parent_span_id', "if(o.id = o.trace_id, NULL, coalesce(o.parent_observation_id, concat('t-', o.trace_id)))"],
  ['start_time', 'o.start_time'],
  ['end_time', 'o.end_time'],
  ['name', 'o.name'],
  ['type', 'o.type'],
  ['environment', 'o.environment'],
  ['version', 'coalesce(o.version, t.version)'],
  ['release', "coalesce(t.release, '')"],
  ['tags', 't.tags'],
  ['public', 't.public'],
  ['bookmarked', "t.bookmarked AND (o.parent_observation_id IS NULL OR o.parent_observation_id = '')"],
  ['trace_name', "coalesce(t.name, '')"],
  ['user_id', "coalesce(t.user_id, '')"],
  ['session_id', "coalesce(t.session_id, '')"],
  ['level', 'o.level'],
  ['status_message', "coalesce(o.status_message, '')"],
  ['completion_start_time', 'o.completion_start_time'],
  ['prompt_id', 'o.prompt_id'],
  ['prompt_name', 'o.prompt_name'],
  ['prompt_version', 'o.prompt_version'],
  ['model_id', 'o.internal_model_id'],
  ['provided_model_name', 'o.provided_model_name'],
  ['model_parameters', "coalesce(o.model_parameters, '{}')"],
  ['provided_usage_details', 'o.provided_usage_details'],
  ['usage_details', 'o.usage_details'],
  ['provided_cost_details', 'o.provided_cost_details'],
  ['cost_details', 'o.cost_details'],
  ['tool_definitions', 'o.tool_definitions'],
  ['tool_calls', 'o.tool_calls'],
  ['tool_call_names', 'o.tool_call_names'],
  ['usage_pricing_tier_id', 'o.usage_pricing_tier_id'],
  ['usage_pricing_tier_name', 'o.usage_pricing_tier_name'],
  ['input', "coalesce(o.input, '')"],
  ['output', "coalesce(o.output, '')"],
  ['metadata_names', 'mapKeys(o.metadata)'],
  ['metadata_values', 'mapValues(o.metadata)'],
  ['source', "multiIf(mapContains(o.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill')"],
  ['blob_storage_file_path', "''"],
  ['event_bytes', '0'],
  ['created_at', 'o.created_at'],
  ['updated_at', 'o.updated_at'],
  ['event_ts', 'o.event_ts'],
  ['is_deleted', 'o.is_deleted'],
];

/**
 * A trace's root span (`t-<trace id>`): target column → expression over the trace `t`; the
 * observation columns a root span lacks get their types' defaults. createRootSpansFromTraces,
 * buildChunkQuery.
 */
export const ROOT_SPAN_EVENT: Record<string, string> = {
  project_id: 't.project_id',
  trace_id: 't.id',
  span_id: "concat('t-', t.id)",
  parent_span_id: "''",
  start_time: 't.timestamp',
  name: 't.name',
  type: "'SPAN'",
  environment: 't.environment',
  version: "coalesce(t.version, '')",
  release: "coalesce(t.release, '')",
  tags: 't.tags',
  trace_name: 't.name',
  user_id: "coalesce(t.user_id, '')",
  session_id: "coalesce(t.session_id, '')",
  public: 't.public',
  bookmarked: 't.bookmarked',
  level: "'DEFAULT'",
  model_parameters: "'{}'",
  input: "coalesce(t.input, '')",
  output: "coalesce(t.output, '')",
  metadata_names: 'mapKeys(t.metadata)',
  metadata_values: 'mapValues(t.metadata)',
  source: "multiIf(mapContains(t.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill')",
  blob_storage_file_path: "''",
  event_bytes: '0',
  created_at: 't.created_at',
  updated_at: 't.updated_at',
  event_ts: 't.event_ts',
  is_deleted: 't.is_deleted',
};
