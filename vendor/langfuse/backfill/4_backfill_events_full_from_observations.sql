-- Vendored from langfuse/langfuse 62751446149b702b419a9292ddfc2280cdf74b8c,
-- worker/src/backgroundMigrations/backfillEventsFullFromObservations.ts, buildChunkQuery (V4
-- chain step 3), unchanged but for comments and the scratch table's unqualified name. Run once
-- per active part of observations_pid_tid_sorting with {partition: String} and {partId: String}.
INSERT INTO events_full (
  project_id, trace_id, span_id, parent_span_id, start_time, end_time,
  name, type, environment, version, release, tags, public, bookmarked,
  trace_name, user_id, session_id, level, status_message, completion_start_time,
  prompt_id, prompt_name, prompt_version, model_id, provided_model_name,
  model_parameters, provided_usage_details, usage_details,
  provided_cost_details, cost_details, tool_definitions, tool_calls, tool_call_names,
  usage_pricing_tier_id, usage_pricing_tier_name,
  input, output,
  metadata_names, metadata_values, source,
  blob_storage_file_path, event_bytes, created_at, updated_at, event_ts, is_deleted
)
SELECT
  o.project_id,
  o.trace_id,
  o.id AS span_id,
  if(o.id = o.trace_id, NULL, coalesce(o.parent_observation_id, concat('t-', o.trace_id))) AS parent_span_id,
  o.start_time AS start_time,
  o.end_time,
  o.name,
  o.type,
  o.environment,
  coalesce(o.version, t.version) as version,
  coalesce(t.release, '') as release,
  t.tags as tags,
  t.public as public,
  t.bookmarked AND (o.parent_observation_id IS NULL OR o.parent_observation_id = '') AS bookmarked,
  coalesce(t.name, '') AS trace_name,
  coalesce(t.user_id, '') AS user_id,
  coalesce(t.session_id, '') AS session_id,
  o.level,
  coalesce(o.status_message, '') AS status_message,
  o.completion_start_time,
  o.prompt_id,
  o.prompt_name,
  o.prompt_version,
  o.internal_model_id AS model_id,
  o.provided_model_name,
  coalesce(o.model_parameters, '{}') AS model_parameters,
  o.provided_usage_details,
  o.usage_details,
  o.provided_cost_details,
  o.cost_details,
  o.tool_definitions,
  o.tool_calls,
  o.tool_call_names,
  o.usage_pricing_tier_id,
  o.usage_pricing_tier_name,
  coalesce(o.input, '') AS input,
  coalesce(o.output, '') AS output,
  mapKeys(o.metadata) AS metadata_names,
  mapValues(o.metadata) AS metadata_values,
  multiIf(mapContains(o.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill') AS source,
  '' AS blob_storage_file_path,
  0 AS event_bytes,
  o.created_at,
  o.updated_at,
  o.event_ts,
  o.is_deleted
FROM observations_pid_tid_sorting o
LEFT ANY JOIN (
  SELECT project_id, id, version, release, tags, public, bookmarked, name, user_id, session_id
  FROM traces t
  WHERE t._partition_id = {partition: String}
  ORDER BY event_ts DESC
  LIMIT 1 BY project_id, id
) t
ON o.project_id = t.project_id AND o.trace_id = t.id
WHERE o._partition_id = {partition: String}
  AND o._part = {partId: String}
  AND (o.project_id, o.trace_id) NOT IN (
    SELECT project_id, trace_id FROM dataset_run_items_rmt
  )
SETTINGS
  join_algorithm = 'full_sorting_merge',
  type_json_skip_duplicated_paths = 1
