-- THE backfill: one chunk's events, as Langfuse's own backfill writes them, into staging.
-- A chunk is a time window of the partition and a bucket of projects
-- (cityHash64(project_id) % buckets = bucket; one bucket when chunks split by time only).
--
-- Observations (backfillEventsFullFromObservations): the latest version (event_ts, then the
-- later insert) of each (project_id, trace_id, id) among the partition's rows, which is what
-- Langfuse's copy keyed by (project_id, trace_id, id) keeps once its parts merge: a version
-- that moved day or type within the month counts once, at its latest start_time. A latest
-- version that is deleted makes no event.
-- Each takes its trace's attributes from the trace's latest version in the same monthly
-- partition, deleted or not; a trace in another month, or none, leaves them empty.
--
-- Root spans (createRootSpansFromTraces): one event `t-<trace id>` per trace of the
-- partition, per distinct timestamp (the target's sorting key keeps each), latest version.
--
-- Traces of dataset runs (`default`.`dataset_run_items_rmt`) are left out, as Langfuse leaves them
-- to the backfill that writes them with their experiment.
INSERT INTO
    `default`.`events_full__chplan_staging` (
        `project_id`,
        `trace_id`,
        `span_id`,
        `parent_span_id`,
        `start_time`,
        `end_time`,
        `name`,
        `type`,
        `environment`,
        `version`,
        `release`,
        `tags`,
        `public`,
        `bookmarked`,
        `trace_name`,
        `user_id`,
        `session_id`,
        `level`,
        `status_message`,
        `completion_start_time`,
        `prompt_id`,
        `prompt_name`,
        `prompt_version`,
        `model_id`,
        `provided_model_name`,
        `model_parameters`,
        `provided_usage_details`,
        `usage_details`,
        `provided_cost_details`,
        `cost_details`,
        `tool_definitions`,
        `tool_calls`,
        `tool_call_names`,
        `usage_pricing_tier_id`,
        `usage_pricing_tier_name`,
        `input`,
        `output`,
        `metadata_names`,
        `metadata_values`,
        `source`,
        `blob_storage_file_path`,
        `event_bytes`,
        `created_at`,
        `updated_at`,
        `event_ts`,
        `is_deleted`
    )
SELECT
    o.project_id AS `project_id`,
    o.trace_id AS `trace_id`,
    o.id AS `span_id`,
    if(o.id = o.trace_id, NULL, coalesce(o.parent_observation_id, concat('t-', o.trace_id))) AS `parent_span_id`,
    o.start_time AS `start_time`,
    o.end_time AS `end_time`,
    o.name AS `name`,
    o.type AS `type`,
    o.environment AS `environment`,
    coalesce(o.version, t.version) AS `version`,
    coalesce(t.release, '') AS `release`,
    t.tags AS `tags`,
    t.public AS `public`,
    t.bookmarked
    AND (
        o.parent_observation_id IS NULL
        OR o.parent_observation_id = ''
    ) AS `bookmarked`,
    coalesce(t.name, '') AS `trace_name`,
    coalesce(t.user_id, '') AS `user_id`,
    coalesce(t.session_id, '') AS `session_id`,
    o.level AS `level`,
    coalesce(o.status_message, '') AS `status_message`,
    o.completion_start_time AS `completion_start_time`,
    o.prompt_id AS `prompt_id`,
    o.prompt_name AS `prompt_name`,
    o.prompt_version AS `prompt_version`,
    o.internal_model_id AS `model_id`,
    o.provided_model_name AS `provided_model_name`,
    coalesce(o.model_parameters, '{}') AS `model_parameters`,
    o.provided_usage_details AS `provided_usage_details`,
    o.usage_details AS `usage_details`,
    o.provided_cost_details AS `provided_cost_details`,
    o.cost_details AS `cost_details`,
    o.tool_definitions AS `tool_definitions`,
    o.tool_calls AS `tool_calls`,
    o.tool_call_names AS `tool_call_names`,
    o.usage_pricing_tier_id AS `usage_pricing_tier_id`,
    o.usage_pricing_tier_name AS `usage_pricing_tier_name`,
    coalesce(o.input, '') AS `input`,
    coalesce(o.output, '') AS `output`,
    mapKeys(o.metadata) AS `metadata_names`,
    mapValues(o.metadata) AS `metadata_values`,
    multiIf(mapContains(o.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill') AS `source`,
    '' AS `blob_storage_file_path`,
    0 AS `event_bytes`,
    o.created_at AS `created_at`,
    o.updated_at AS `updated_at`,
    o.event_ts AS `event_ts`,
    o.is_deleted AS `is_deleted`
FROM
    (
        SELECT
            `id`,
            `trace_id`,
            `project_id`,
            `environment`,
            `type`,
            `parent_observation_id`,
            `start_time`,
            `end_time`,
            `name`,
            `metadata`,
            `level`,
            `status_message`,
            `version`,
            `input`,
            `output`,
            `provided_model_name`,
            `internal_model_id`,
            `model_parameters`,
            `provided_usage_details`,
            `usage_details`,
            `provided_cost_details`,
            `cost_details`,
            `completion_start_time`,
            `prompt_id`,
            `prompt_name`,
            `prompt_version`,
            `usage_pricing_tier_id`,
            `usage_pricing_tier_name`,
            `tool_definitions`,
            `tool_calls`,
            `tool_call_names`,
            `created_at`,
            `updated_at`,
            `event_ts`,
            `is_deleted`
        FROM
            `default`.`observations`
        WHERE
            start_time >= {chunk_start:DateTime64(3, 'UTC')}
            AND start_time < {chunk_end:DateTime64(3, 'UTC')}
            AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
            AND (project_id, trace_id, id, event_ts) IN (
                SELECT
                    project_id,
                    trace_id,
                    id,
                    max(event_ts)
                FROM
                    `default`.`observations`
                WHERE
                    _partition_id = {partition_id:String}
                    AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
                GROUP BY
                    project_id,
                    trace_id,
                    id
                HAVING
                    argMax(is_deleted, (event_ts, _block_number, _part_offset)) = 0
                    AND argMax(start_time, (event_ts, _block_number, _part_offset)) >= {chunk_start:DateTime64(3, 'UTC')}
                    AND argMax(start_time, (event_ts, _block_number, _part_offset)) < {chunk_end:DateTime64(3, 'UTC')}
            )
            AND (project_id, trace_id) NOT IN (
                SELECT
                    project_id,
                    trace_id
                FROM
                    `default`.`dataset_run_items_rmt`
            )
            -- Versions with the same event_ts: the later insert wins, as in a merge.
        ORDER BY
            _block_number DESC,
            _part_offset DESC
        LIMIT
            1 BY project_id, trace_id,
            id
    ) AS o
    LEFT ANY JOIN (
        SELECT
            `project_id`,
            `id`,
            `version`,
            `release`,
            `tags`,
            `public`,
            `bookmarked`,
            `name`,
            `user_id`,
            `session_id`
        FROM
            `default`.`traces`
        WHERE
            _partition_id = {partition_id:String}
            AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
            AND (project_id, id) IN (
                SELECT
                    project_id,
                    trace_id
                FROM
                    `default`.`observations`
                WHERE
                    start_time >= {chunk_start:DateTime64(3, 'UTC')}
                    AND start_time < {chunk_end:DateTime64(3, 'UTC')}
                    AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
            )
        ORDER BY
            event_ts DESC,
            _block_number DESC,
            _part_offset DESC
        LIMIT
            1 BY project_id, id
    ) AS t ON o.project_id = t.project_id
    AND o.trace_id = t.id
UNION ALL
SELECT
    t.project_id AS `project_id`,
    t.id AS `trace_id`,
    concat('t-', t.id) AS `span_id`,
    '' AS `parent_span_id`,
    t.timestamp AS `start_time`,
    NULL AS `end_time`,
    t.name AS `name`,
    'SPAN' AS `type`,
    t.environment AS `environment`,
    coalesce(t.version, '') AS `version`,
    coalesce(t.release, '') AS `release`,
    t.tags AS `tags`,
    t.public AS `public`,
    t.bookmarked AS `bookmarked`,
    t.name AS `trace_name`,
    coalesce(t.user_id, '') AS `user_id`,
    coalesce(t.session_id, '') AS `session_id`,
    'DEFAULT' AS `level`,
    NULL AS `status_message`,
    NULL AS `completion_start_time`,
    NULL AS `prompt_id`,
    NULL AS `prompt_name`,
    NULL AS `prompt_version`,
    NULL AS `model_id`,
    NULL AS `provided_model_name`,
    '{}' AS `model_parameters`,
    NULL AS `provided_usage_details`,
    NULL AS `usage_details`,
    NULL AS `provided_cost_details`,
    NULL AS `cost_details`,
    NULL AS `tool_definitions`,
    NULL AS `tool_calls`,
    NULL AS `tool_call_names`,
    NULL AS `usage_pricing_tier_id`,
    NULL AS `usage_pricing_tier_name`,
    coalesce(t.input, '') AS `input`,
    coalesce(t.output, '') AS `output`,
    mapKeys(t.metadata) AS `metadata_names`,
    mapValues(t.metadata) AS `metadata_values`,
    multiIf(mapContains(t.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill') AS `source`,
    '' AS `blob_storage_file_path`,
    0 AS `event_bytes`,
    t.created_at AS `created_at`,
    t.updated_at AS `updated_at`,
    t.event_ts AS `event_ts`,
    t.is_deleted AS `is_deleted`
FROM
    (
        SELECT
            `project_id`,
            `id`,
            `timestamp`,
            `name`,
            `environment`,
            `version`,
            `release`,
            `tags`,
            `user_id`,
            `session_id`,
            `public`,
            `bookmarked`,
            `input`,
            `output`,
            `metadata`,
            `created_at`,
            `updated_at`,
            `event_ts`,
            `is_deleted`
        FROM
            `default`.`traces`
        WHERE
            _partition_id = {partition_id:String}
            AND timestamp >= {chunk_start:DateTime64(3, 'UTC')}
            AND timestamp < {chunk_end:DateTime64(3, 'UTC')}
            AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
        ORDER BY
            event_ts DESC,
            _block_number DESC,
            _part_offset DESC
        LIMIT
            1 BY project_id, id,
            timestamp
    ) AS t
WHERE
    t.is_deleted = 0
    AND (t.project_id, t.id) NOT IN (
        SELECT
            project_id,
            trace_id
        FROM
            `default`.`dataset_run_items_rmt`
    )
SETTINGS
    join_use_nulls = 0,
    max_insert_threads = 2,
    min_insert_block_size_bytes = 67108864
