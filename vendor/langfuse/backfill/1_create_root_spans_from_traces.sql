-- Vendored from langfuse/langfuse 62751446149b702b419a9292ddfc2280cdf74b8c,
-- worker/src/backgroundMigrations/createRootSpansFromTraces.ts, buildChunkQuery (V4 chain step 1),
-- unchanged but for comments. Run once per traces partition with {partition: String}.
INSERT INTO events_full (
  project_id, trace_id, span_id, parent_span_id, start_time,
  name, type, environment, version, release, tags,
  trace_name, user_id, session_id, public, bookmarked, level,
  model_parameters,
  provided_usage_details, usage_details, provided_cost_details, cost_details,
  tool_definitions, tool_calls, tool_call_names,
  input, output,
  metadata_names, metadata_values,
  source, blob_storage_file_path, event_bytes,
  created_at, updated_at, event_ts, is_deleted
)
SELECT
  t.project_id,
  t.id AS trace_id,
  concat('t-', t.id) AS span_id,
  '' AS parent_span_id,
  t.timestamp AS start_time,
  t.name AS name,
  'SPAN' AS type,
  t.environment,
  coalesce(t.version, '') AS version,
  coalesce(t.release, '') AS release,
  t.tags AS tags,
  t.name AS trace_name,
  coalesce(t.user_id, '') AS user_id,
  coalesce(t.session_id, '') AS session_id,
  t.public AS public,
  t.bookmarked AS bookmarked,
  'DEFAULT' AS level,
  '{}' AS model_parameters,
  map() AS provided_usage_details,
  map() AS usage_details,
  map() AS provided_cost_details,
  map() AS cost_details,
  map() AS tool_definitions,
  [] AS tool_calls,
  [] AS tool_call_names,
  coalesce(t.input, '') AS input,
  coalesce(t.output, '') AS output,
  mapKeys(t.metadata) AS metadata_names,
  mapValues(t.metadata) AS metadata_values,
  multiIf(mapContains(t.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill') AS source,
  '' AS blob_storage_file_path,
  0 AS event_bytes,
  t.created_at,
  t.updated_at,
  t.event_ts,
  t.is_deleted
FROM traces t
WHERE t._partition_id = {partition: String}
  AND (t.project_id, t.id) NOT IN (
    SELECT project_id, trace_id FROM dataset_run_items_rmt
  )
SETTINGS
  type_json_skip_duplicated_paths = 1
