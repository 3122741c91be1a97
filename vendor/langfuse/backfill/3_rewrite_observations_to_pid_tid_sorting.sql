-- Vendored from langfuse/langfuse 62751446149b702b419a9292ddfc2280cdf74b8c,
-- worker/src/backgroundMigrations/rewriteObservationsToPidTidSorting.ts, buildChunkQuery (V4
-- chain step 2), unchanged. Run once per observations partition with {partition: String}.
INSERT INTO observations_pid_tid_sorting (
  id, trace_id, project_id, environment, type, parent_observation_id,
  start_time, end_time, name, metadata, level, status_message, version,
  input, output,
  provided_model_name, internal_model_id, model_parameters,
  provided_usage_details, usage_details, provided_cost_details, cost_details,
  total_cost, completion_start_time,
  prompt_id, prompt_name, prompt_version,
  usage_pricing_tier_id, usage_pricing_tier_name,
  tool_definitions, tool_calls, tool_call_names,
  created_at, updated_at, event_ts, is_deleted
)
SELECT
  id, trace_id, project_id, environment, type, parent_observation_id,
  start_time, end_time, name, metadata, level, status_message, version,
  input, output,
  provided_model_name, internal_model_id, model_parameters,
  provided_usage_details, usage_details, provided_cost_details, cost_details,
  total_cost, completion_start_time,
  prompt_id, prompt_name, prompt_version,
  usage_pricing_tier_id, usage_pricing_tier_name,
  tool_definitions, tool_calls, tool_call_names,
  created_at, updated_at, event_ts, is_deleted
FROM observations
WHERE _partition_id = {partition: String}
SETTINGS
  type_json_skip_duplicated_paths = 1
