-- The events table, as Langfuse defines it (one row per observation, enriched with its
-- trace), created if missing. An existing table is checked column by column before
-- anything is written.
CREATE TABLE IF NOT EXISTS `default`.`events` (
    `project_id` String,
    `trace_id` String,
    `span_id` String,
    `parent_span_id` String,
    `start_time` DateTime64(6),
    `end_time` Nullable(DateTime64(6)),
    `name` String,
    `type` LowCardinality(String),
    `environment` LowCardinality(String) DEFAULT 'default',
    `version` String,
    `release` String,
    `trace_name` String,
    `user_id` String,
    `session_id` String,
    `tags` Array(String),
    `level` LowCardinality(String),
    `status_message` String,
    `completion_start_time` Nullable(DateTime64(6)),
    `bookmarked` Bool DEFAULT false,
    `public` Bool DEFAULT false,
    `prompt_id` String,
    `prompt_name` String,
    `prompt_version` Nullable(UInt16),
    `model_id` String,
    `provided_model_name` String,
    `model_parameters` String,
    `provided_usage_details` Map(LowCardinality(String), UInt64),
    `usage_details` Map(LowCardinality(String), UInt64),
    `provided_cost_details` Map(LowCardinality(String), Decimal(18, 12)),
    `cost_details` Map(LowCardinality(String), Decimal(18, 12)),
    `input` String CODEC (ZSTD (3)),
    `output` String CODEC (ZSTD (3)),
    `metadata_names` Array(String),
    `metadata_values` Array(String),
    `source` LowCardinality(String),
    `created_at` DateTime64(6) DEFAULT now(),
    `updated_at` DateTime64(6) DEFAULT now(),
    `event_ts` DateTime64(6),
    `is_deleted` UInt8,
    INDEX `idx_span_id` span_id
    TYPE
        bloom_filter (0.01)
    GRANULARITY 1,
    INDEX `idx_trace_id` trace_id
    TYPE
        bloom_filter (0.01)
    GRANULARITY 1,
    INDEX `idx_user_id` user_id
    TYPE
        bloom_filter (0.01)
    GRANULARITY 1,
    INDEX `idx_session_id` session_id
    TYPE
        bloom_filter (0.01)
    GRANULARITY 1
) ENGINE = ReplacingMergeTree(`event_ts`, `is_deleted`)
PARTITION BY
    toYYYYMM(`start_time`) PRIMARY KEY (project_id, toStartOfMinute(start_time), xxHash32(trace_id))
ORDER BY
    (project_id, toStartOfMinute(start_time), xxHash32(trace_id), span_id, start_time)
