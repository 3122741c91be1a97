-- THE backfill: one chunk of observations, each enriched with its trace, into staging. A chunk is
-- a time window and a bucket of projects (cityHash64(project_id) % buckets = bucket; one bucket
-- when chunks split by time only).
-- Observations: FINAL, i.e. what the table's ReplacingMergeTree keeps once its parts merge: the
-- latest version (event_ts) of each row of its sorting key, deleted ones left out.
-- Traces: the latest version of each trace these observations name, looked up from
-- 48 h before the chunk to 1 h after it; a deleted trace, or none,
-- leaves the observation with empty trace attributes (counted by validation as an orphan),
-- and so does a trace that started more than 48 h before or 1 h after it.
INSERT INTO
    `default`.`events__chplan_staging` (
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
        `trace_name`,
        `user_id`,
        `session_id`,
        `tags`,
        `level`,
        `status_message`,
        `completion_start_time`,
        `bookmarked`,
        `public`,
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
        `input`,
        `output`,
        `metadata_names`,
        `metadata_values`,
        `source`,
        `created_at`,
        `updated_at`,
        `event_ts`,
        `is_deleted`
    )
WITH
    (
        t.id = o.trace_id
        AND t.timestamp >= o.start_time - INTERVAL 48 HOUR
        AND t.timestamp < o.start_time + INTERVAL 1 HOUR
    ) AS enriched
SELECT
    o.project_id AS `project_id`,
    o.trace_id AS `trace_id`,
    o.id AS `span_id`,
    ifNull(o.parent_observation_id, '') AS `parent_span_id`,
    o.start_time AS `start_time`,
    o.end_time AS `end_time`,
    o.name AS `name`,
    o.type AS `type`,
    o.environment AS `environment`,
    coalesce(o.version, if(enriched, t.version, NULL), '') AS `version`,
    if(enriched, ifNull(t.`release`, ''), '') AS `release`,
    if(enriched, t.`name`, '') AS `trace_name`,
    if(enriched, ifNull(t.`user_id`, ''), '') AS `user_id`,
    if(enriched, ifNull(t.`session_id`, ''), '') AS `session_id`,
    if(enriched, t.`tags`, []) AS `tags`,
    o.level AS `level`,
    ifNull(o.status_message, '') AS `status_message`,
    o.completion_start_time AS `completion_start_time`,
    if(enriched, t.`bookmarked`, false) AS `bookmarked`,
    if(enriched, t.`public`, false) AS `public`,
    ifNull(o.prompt_id, '') AS `prompt_id`,
    ifNull(o.prompt_name, '') AS `prompt_name`,
    o.prompt_version AS `prompt_version`,
    ifNull(o.internal_model_id, '') AS `model_id`,
    ifNull(o.provided_model_name, '') AS `provided_model_name`,
    ifNull(o.model_parameters, '{}') AS `model_parameters`,
    o.provided_usage_details AS `provided_usage_details`,
    o.usage_details AS `usage_details`,
    o.provided_cost_details AS `provided_cost_details`,
    o.cost_details AS `cost_details`,
    ifNull(o.input, '') AS `input`,
    ifNull(o.output, '') AS `output`,
    mapKeys(if(enriched, mapUpdate(t.metadata, o.metadata), o.metadata)) AS `metadata_names`,
    mapValues(if(enriched, mapUpdate(t.metadata, o.metadata), o.metadata)) AS `metadata_values`,
    'backfill' AS `source`,
    o.created_at AS `created_at`,
    o.updated_at AS `updated_at`,
    o.event_ts AS `event_ts`,
    0 AS `is_deleted`
FROM
    (
        SELECT
            `id`,
            `trace_id`,
            `project_id`,
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
            `environment`,
            `created_at`,
            `updated_at`,
            `event_ts`,
            `is_deleted`
        FROM
            `default`.`observations` FINAL
        WHERE
            `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
            AND cityHash64(`project_id`) % {buckets:UInt32} = {bucket:UInt32}
    ) AS o
    LEFT JOIN (
        SELECT
            `project_id`,
            `id`,
            `timestamp`,
            `event_ts`,
            `version`,
            `metadata`,
            `name`,
            `user_id`,
            `session_id`,
            `release`,
            `tags`,
            `public`,
            `bookmarked`
        FROM
            (
                SELECT
                    `project_id`,
                    `id`,
                    `timestamp`,
                    `event_ts`,
                    `version`,
                    `metadata`,
                    `name`,
                    `user_id`,
                    `session_id`,
                    `release`,
                    `tags`,
                    `public`,
                    `bookmarked`,
                    `is_deleted`
                FROM
                    `default`.`traces`
                WHERE
                    `timestamp` >= {chunk_start:DateTime64(3, 'UTC')} - INTERVAL 48 HOUR
                    AND `timestamp` < {chunk_end:DateTime64(3, 'UTC')} + INTERVAL 1 HOUR
                    AND cityHash64(`project_id`) % {buckets:UInt32} = {bucket:UInt32}
                    AND (`project_id`, `id`) IN (
                        SELECT
                            `project_id`,
                            `trace_id`
                        FROM
                            `default`.`observations`
                        WHERE
                            `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
                            AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
                            AND cityHash64(`project_id`) % {buckets:UInt32} = {bucket:UInt32}
                    )
                ORDER BY
                    `event_ts` DESC
                LIMIT
                    1 BY `project_id`, `id`
            )
        WHERE
            `is_deleted` = 0
    ) AS t ON t.`project_id` = o.`project_id`
    AND t.`id` = o.`trace_id`
SETTINGS
    join_use_nulls = 0,
    max_insert_threads = 2,
    min_insert_block_size_bytes = 67108864
