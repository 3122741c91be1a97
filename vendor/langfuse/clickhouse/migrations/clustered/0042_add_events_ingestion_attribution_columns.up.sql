ALTER TABLE observations_batch_staging ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_api_key String DEFAULT ''
  SETTINGS enable_full_text_index = 1, alter_sync = 2;
ALTER TABLE observations_batch_staging ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_sdk_name LowCardinality(String) DEFAULT 'unknown'
  SETTINGS enable_full_text_index = 1, alter_sync = 2;
ALTER TABLE observations_batch_staging ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_sdk_version LowCardinality(String) DEFAULT 'unknown'
  SETTINGS enable_full_text_index = 1, alter_sync = 2;

ALTER TABLE events_full ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_api_key String DEFAULT ''
  SETTINGS enable_full_text_index = 1, alter_sync = 2;
ALTER TABLE events_full ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_sdk_name LowCardinality(String) DEFAULT 'unknown'
  SETTINGS enable_full_text_index = 1, alter_sync = 2;
ALTER TABLE events_full ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_sdk_version LowCardinality(String) DEFAULT 'unknown'
  SETTINGS enable_full_text_index = 1, alter_sync = 2;

ALTER TABLE events_core ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_api_key String DEFAULT ''
  SETTINGS enable_full_text_index = 1, alter_sync = 2;
ALTER TABLE events_core ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_sdk_name LowCardinality(String) DEFAULT 'unknown'
  SETTINGS enable_full_text_index = 1, alter_sync = 2;
ALTER TABLE events_core ON CLUSTER default
  ADD COLUMN IF NOT EXISTS ingestion_sdk_version LowCardinality(String) DEFAULT 'unknown'
  SETTINGS enable_full_text_index = 1, alter_sync = 2;

ALTER TABLE events_core_mv ON CLUSTER default MODIFY QUERY
SELECT
    project_id,
    trace_id,
    span_id,
    parent_span_id,
    start_time,
    end_time,
    name,
    type,
    environment,
    version,
    release,
    trace_name,
    user_id,
    session_id,
    tags,
    level,
    status_message,
    completion_start_time,
    is_app_root,
    bookmarked,
    public,
    prompt_id,
    prompt_name,
    prompt_version,
    model_id,
    provided_model_name,
    model_parameters,
    provided_usage_details,
    usage_details,
    provided_cost_details,
    cost_details,
    usage_pricing_tier_id,
    usage_pricing_tier_name,
    tool_definitions,
    tool_calls,
    tool_call_names,
    leftUTF8(input, 200) as input,
    leftUTF8(output, 200) as output,
    metadata_names,
    arrayMap(v -> leftUTF8(v, 200), metadata_values) as metadata_values,
    experiment_id,
    experiment_name,
    experiment_metadata_names,
    experiment_metadata_values,
    experiment_description,
    experiment_dataset_id,
    experiment_item_id,
    experiment_item_version,
    experiment_item_expected_output,
    experiment_item_metadata_names,
    experiment_item_metadata_values,
    experiment_item_root_span_id,
    source,
    service_name,
    service_version,
    scope_name,
    scope_version,
    telemetry_sdk_language,
    telemetry_sdk_name,
    telemetry_sdk_version,
    blob_storage_file_path,
    event_bytes,
    created_at,
    updated_at,
    event_ts,
    is_deleted,
    ingestion_api_key,
    ingestion_sdk_name,
    ingestion_sdk_version
FROM events_full
SETTINGS enable_full_text_index = 1;
