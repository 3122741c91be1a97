-- Validation, row by row, of one partition of an events table: staging before it is published
-- ({events_db}.{events_table} = staging), the target after. Every event the partition should
-- hold is recomputed here independently of the insert (GROUP BY with argMax instead of
-- IN … LIMIT 1 BY): observations' latest versions per (project_id, trace_id, id) joined to
-- their traces' latest versions, and root spans per (project_id, trace id, timestamp).
-- A version is (event_ts, insert block, row in part) as one Int128, so argMax compares numbers.
-- Every column of a row is compared through one hash: of the columns that need only the
-- observation (hashed before aggregating), then of those that need its trace. Per day: rows
-- missing, rows extra, rows that differ (10_validate_columns then names the columns),
-- observations whose trace was not found, and a sample of differing rows.
SELECT
    toString(toDate(start_time)) AS day,
    countIf (in_expected) AS expected,
    countIf (in_actual) AS actual,
    countIf (
        in_actual
        AND NOT in_expected
    ) AS extra,
    countIf (
        in_expected
        AND NOT in_actual
    ) AS missing,
    countIf (
        in_expected
        AND NOT found_trace
    ) AS orphans,
    countIf (
        in_expected
        AND in_actual
        AND e_row != a_row
    ) AS differing_rows,
    groupArrayIf (10) (
        concat(project_id, ' ', span_id, ' ', toString(start_time)),
        NOT (
            in_expected
            AND in_actual
        )
        OR e_row != a_row
    ) AS
sample
FROM
    (
        SELECT
            o.project_id AS project_id,
            o.id AS span_id,
            CAST(o.start_time, 'DateTime64(6)') AS start_time,
            true AS in_expected,
            t.id != '' AS found_trace,
            cityHash64(
                tuple(
                    o.h_row,
                    CAST(ifNull(coalesce(o.version, t.version), defaultValueOfTypeName('String')), 'String'),
                    CAST(ifNull(coalesce(t.release, ''), defaultValueOfTypeName('String')), 'String'),
                    CAST(ifNull(t.tags, defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                    CAST(ifNull(t.public, defaultValueOfTypeName('Bool')), 'Bool'),
                    CAST(
                        ifNull(
                            t.bookmarked
                            AND (
                                o.parent_observation_id IS NULL
                                OR o.parent_observation_id = ''
                            ),
                            defaultValueOfTypeName('Bool')
                        ),
                        'Bool'
                    ),
                    CAST(ifNull(coalesce(t.name, ''), defaultValueOfTypeName('String')), 'String'),
                    CAST(ifNull(coalesce(t.user_id, ''), defaultValueOfTypeName('String')), 'String'),
                    CAST(ifNull(coalesce(t.session_id, ''), defaultValueOfTypeName('String')), 'String')
                )
            ) AS e_row
        FROM
            (
                SELECT
                    project_id,
                    trace_id,
                    id,
                    argMax(is_deleted, __version) AS deleted,
                    argMax(tuple(`version`), __version) .1 AS `version`,
                    argMax(tuple(`parent_observation_id`), __version) .1 AS `parent_observation_id`,
                    argMax(h_row, __version) AS h_row,
                    argMax(start_time, __version) AS start_time
                FROM
                    (
                        SELECT
                            project_id,
                            trace_id,
                            id,
                            is_deleted,
                            start_time,
                            `version`,
                            `parent_observation_id`,
                            cityHash64(
                                tuple(
                                    CAST(ifNull(o.project_id, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(o.trace_id, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(o.id, defaultValueOfTypeName('String')), 'String'),
                                    CAST(
                                        ifNull(
                                            if(o.id = o.trace_id, NULL, coalesce(o.parent_observation_id, concat('t-', o.trace_id))),
                                            defaultValueOfTypeName('String')
                                        ),
                                        'String'
                                    ),
                                    CAST(ifNull(o.start_time, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'),
                                    CAST(o.end_time, 'Nullable(DateTime64(6))'),
                                    CAST(ifNull(o.name, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(o.type, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    CAST(ifNull(o.environment, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    CAST(ifNull(o.level, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    CAST(ifNull(coalesce(o.status_message, ''), defaultValueOfTypeName('String')), 'String'),
                                    CAST(o.completion_start_time, 'Nullable(DateTime64(6))'),
                                    CAST(ifNull(o.prompt_id, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(o.prompt_name, defaultValueOfTypeName('String')), 'String'),
                                    CAST(o.prompt_version, 'Nullable(UInt16)'),
                                    CAST(ifNull(o.internal_model_id, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(o.provided_model_name, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(coalesce(o.model_parameters, '{}'), defaultValueOfTypeName('String')), 'String'),
                                    CAST(
                                        ifNull(o.provided_usage_details, defaultValueOfTypeName('Map(LowCardinality(String), UInt64)')),
                                        'Map(LowCardinality(String), UInt64)'
                                    ),
                                    CAST(
                                        ifNull(o.usage_details, defaultValueOfTypeName('Map(LowCardinality(String), UInt64)')),
                                        'Map(LowCardinality(String), UInt64)'
                                    ),
                                    CAST(
                                        ifNull(o.provided_cost_details, defaultValueOfTypeName('Map(LowCardinality(String), Decimal(18, 12))')),
                                        'Map(LowCardinality(String), Decimal(18, 12))'
                                    ),
                                    CAST(
                                        ifNull(o.cost_details, defaultValueOfTypeName('Map(LowCardinality(String), Decimal(18, 12))')),
                                        'Map(LowCardinality(String), Decimal(18, 12))'
                                    ),
                                    CAST(ifNull(o.tool_definitions, defaultValueOfTypeName('Map(String, String)')), 'Map(String, String)'),
                                    CAST(ifNull(o.tool_calls, defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                                    CAST(ifNull(o.tool_call_names, defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                                    CAST(o.usage_pricing_tier_id, 'Nullable(String)'),
                                    CAST(o.usage_pricing_tier_name, 'Nullable(String)'),
                                    CAST(ifNull(coalesce(o.input, ''), defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(coalesce(o.output, ''), defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(mapKeys(o.metadata), defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                                    CAST(ifNull(mapValues(o.metadata), defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                                    CAST(
                                        ifNull(
                                            multiIf(mapContains(o.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill'),
                                            defaultValueOfTypeName('LowCardinality(String)')
                                        ),
                                        'LowCardinality(String)'
                                    ),
                                    CAST(ifNull('', defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(0, defaultValueOfTypeName('UInt64')), 'UInt64'),
                                    CAST(ifNull(o.created_at, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'),
                                    CAST(ifNull(o.updated_at, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'),
                                    CAST(ifNull(o.event_ts, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'),
                                    CAST(ifNull(o.is_deleted, defaultValueOfTypeName('UInt8')), 'UInt8'),
                                    0
                                )
                            ) AS h_row,
                            bitShiftLeft(toInt128(toUnixTimestamp64Micro(event_ts)), 64) + bitShiftLeft(toInt128(_block_number), 32) + toInt128(_part_offset) AS __version
                        FROM
                            `default`.`observations` AS o
                        WHERE
                            _partition_id = {partition_id:String}
                    )
                GROUP BY
                    project_id,
                    trace_id,
                    id
                HAVING
                    deleted = 0
                    AND (project_id, trace_id) NOT IN (
                        SELECT
                            project_id,
                            trace_id
                        FROM
                            `default`.`dataset_run_items_rmt`
                    )
            ) AS o
            LEFT JOIN (
                SELECT
                    project_id,
                    id,
                    argMax(tuple(`version`), __version) .1 AS `version`,
                    argMax(tuple(`release`), __version) .1 AS `release`,
                    argMax(tuple(`tags`), __version) .1 AS `tags`,
                    argMax(tuple(`public`), __version) .1 AS `public`,
                    argMax(tuple(`bookmarked`), __version) .1 AS `bookmarked`,
                    argMax(tuple(`name`), __version) .1 AS `name`,
                    argMax(tuple(`user_id`), __version) .1 AS `user_id`,
                    argMax(tuple(`session_id`), __version) .1 AS `session_id`
                FROM
                    (
                        SELECT
                            *,
                            bitShiftLeft(toInt128(toUnixTimestamp64Micro(event_ts)), 64) + bitShiftLeft(toInt128(_block_number), 32) + toInt128(_part_offset) AS __version
                        FROM
                            `default`.`traces`
                        WHERE
                            _partition_id = {partition_id:String}
                    )
                GROUP BY
                    project_id,
                    id
            ) AS t ON t.project_id = o.project_id
            AND t.id = o.trace_id
        UNION ALL
        SELECT
            project_id,
            concat('t-', id) AS span_id,
            CAST(timestamp, 'DateTime64(6)') AS start_time,
            true AS in_expected,
            true AS found_trace,
            argMax(h_row, __version) AS e_row
        FROM
            (
                SELECT
                    project_id,
                    id,
                    timestamp,
                    is_deleted,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(
                                    CAST(ifNull(t.project_id, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(t.id, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(concat('t-', t.id), defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull('', defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(t.timestamp, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'),
                                    CAST(NULL, 'Nullable(DateTime64(6))'),
                                    CAST(ifNull(t.name, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull('SPAN', defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    CAST(ifNull(t.environment, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    CAST(ifNull('DEFAULT', defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'),
                                    CAST(NULL, 'Nullable(DateTime64(6))'),
                                    CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'),
                                    CAST(NULL, 'Nullable(UInt16)'),
                                    CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull('{}', defaultValueOfTypeName('String')), 'String'),
                                    CAST(
                                        ifNull(NULL, defaultValueOfTypeName('Map(LowCardinality(String), UInt64)')),
                                        'Map(LowCardinality(String), UInt64)'
                                    ),
                                    CAST(
                                        ifNull(NULL, defaultValueOfTypeName('Map(LowCardinality(String), UInt64)')),
                                        'Map(LowCardinality(String), UInt64)'
                                    ),
                                    CAST(
                                        ifNull(NULL, defaultValueOfTypeName('Map(LowCardinality(String), Decimal(18, 12))')),
                                        'Map(LowCardinality(String), Decimal(18, 12))'
                                    ),
                                    CAST(
                                        ifNull(NULL, defaultValueOfTypeName('Map(LowCardinality(String), Decimal(18, 12))')),
                                        'Map(LowCardinality(String), Decimal(18, 12))'
                                    ),
                                    CAST(ifNull(NULL, defaultValueOfTypeName('Map(String, String)')), 'Map(String, String)'),
                                    CAST(ifNull(NULL, defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                                    CAST(ifNull(NULL, defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                                    CAST(NULL, 'Nullable(String)'),
                                    CAST(NULL, 'Nullable(String)'),
                                    CAST(ifNull(coalesce(t.input, ''), defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(coalesce(t.output, ''), defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(mapKeys(t.metadata), defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                                    CAST(ifNull(mapValues(t.metadata), defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                                    CAST(
                                        ifNull(
                                            multiIf(mapContains(t.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill'),
                                            defaultValueOfTypeName('LowCardinality(String)')
                                        ),
                                        'LowCardinality(String)'
                                    ),
                                    CAST(ifNull('', defaultValueOfTypeName('String')), 'String'),
                                    CAST(ifNull(0, defaultValueOfTypeName('UInt64')), 'UInt64'),
                                    CAST(ifNull(t.created_at, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'),
                                    CAST(ifNull(t.updated_at, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'),
                                    CAST(ifNull(t.event_ts, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'),
                                    CAST(ifNull(t.is_deleted, defaultValueOfTypeName('UInt8')), 'UInt8'),
                                    0
                                )
                            ),
                            CAST(ifNull(coalesce(t.version, ''), defaultValueOfTypeName('String')), 'String'),
                            CAST(ifNull(coalesce(t.release, ''), defaultValueOfTypeName('String')), 'String'),
                            CAST(ifNull(t.tags, defaultValueOfTypeName('Array(String)')), 'Array(String)'),
                            CAST(ifNull(t.public, defaultValueOfTypeName('Bool')), 'Bool'),
                            CAST(ifNull(t.bookmarked, defaultValueOfTypeName('Bool')), 'Bool'),
                            CAST(ifNull(t.name, defaultValueOfTypeName('String')), 'String'),
                            CAST(ifNull(coalesce(t.user_id, ''), defaultValueOfTypeName('String')), 'String'),
                            CAST(ifNull(coalesce(t.session_id, ''), defaultValueOfTypeName('String')), 'String')
                        )
                    ) AS h_row,
                    bitShiftLeft(toInt128(toUnixTimestamp64Micro(event_ts)), 64) + bitShiftLeft(toInt128(_block_number), 32) + toInt128(_part_offset) AS __version
                FROM
                    `default`.`traces` AS t
                WHERE
                    _partition_id = {partition_id:String}
            )
        GROUP BY
            project_id,
            id,
            timestamp
        HAVING
            argMax(is_deleted, __version) = 0
            AND (project_id, id) NOT IN (
                SELECT
                    project_id,
                    trace_id
                FROM
                    `default`.`dataset_run_items_rmt`
            )
    ) AS e
    FULL OUTER JOIN (
        SELECT
            project_id,
            span_id,
            start_time,
            true AS in_actual,
            cityHash64(
                tuple(
                    cityHash64(
                        tuple(
                            `project_id`,
                            `trace_id`,
                            `span_id`,
                            `parent_span_id`,
                            `start_time`,
                            `end_time`,
                            `name`,
                            `type`,
                            `environment`,
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
                            `is_deleted`,
                            0
                        )
                    ),
                    `version`,
                    `release`,
                    `tags`,
                    `public`,
                    `bookmarked`,
                    `trace_name`,
                    `user_id`,
                    `session_id`
                )
            ) AS a_row
        FROM
            {events_db:Identifier}.{events_table:Identifier}
        WHERE
            _partition_id = {partition_id:String}
            AND is_deleted = 0
    ) AS a USING (project_id, span_id, start_time)
GROUP BY
    day
ORDER BY
    day
SETTINGS
    join_use_nulls = 0
