-- Validation, column by column, run only when 09_validate_events found rows that differ: the
-- same recomputation, with one hash per column instead of one per row, so the report names
-- the columns (per day: rows whose column differs, and a sample of differing rows).
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
    map(
        'project_id',
        countIf (
            in_expected
            AND in_actual
            AND e_project_id != a_project_id
        ),
        'trace_id',
        countIf (
            in_expected
            AND in_actual
            AND e_trace_id != a_trace_id
        ),
        'span_id',
        countIf (
            in_expected
            AND in_actual
            AND e_span_id != a_span_id
        ),
        'parent_span_id',
        countIf (
            in_expected
            AND in_actual
            AND e_parent_span_id != a_parent_span_id
        ),
        'start_time',
        countIf (
            in_expected
            AND in_actual
            AND e_start_time != a_start_time
        ),
        'end_time',
        countIf (
            in_expected
            AND in_actual
            AND e_end_time != a_end_time
        ),
        'name',
        countIf (
            in_expected
            AND in_actual
            AND e_name != a_name
        ),
        'type',
        countIf (
            in_expected
            AND in_actual
            AND e_type != a_type
        ),
        'environment',
        countIf (
            in_expected
            AND in_actual
            AND e_environment != a_environment
        ),
        'version',
        countIf (
            in_expected
            AND in_actual
            AND e_version != a_version
        ),
        'release',
        countIf (
            in_expected
            AND in_actual
            AND e_release != a_release
        ),
        'tags',
        countIf (
            in_expected
            AND in_actual
            AND e_tags != a_tags
        ),
        'public',
        countIf (
            in_expected
            AND in_actual
            AND e_public != a_public
        ),
        'bookmarked',
        countIf (
            in_expected
            AND in_actual
            AND e_bookmarked != a_bookmarked
        ),
        'trace_name',
        countIf (
            in_expected
            AND in_actual
            AND e_trace_name != a_trace_name
        ),
        'user_id',
        countIf (
            in_expected
            AND in_actual
            AND e_user_id != a_user_id
        ),
        'session_id',
        countIf (
            in_expected
            AND in_actual
            AND e_session_id != a_session_id
        ),
        'level',
        countIf (
            in_expected
            AND in_actual
            AND e_level != a_level
        ),
        'status_message',
        countIf (
            in_expected
            AND in_actual
            AND e_status_message != a_status_message
        ),
        'completion_start_time',
        countIf (
            in_expected
            AND in_actual
            AND e_completion_start_time != a_completion_start_time
        ),
        'prompt_id',
        countIf (
            in_expected
            AND in_actual
            AND e_prompt_id != a_prompt_id
        ),
        'prompt_name',
        countIf (
            in_expected
            AND in_actual
            AND e_prompt_name != a_prompt_name
        ),
        'prompt_version',
        countIf (
            in_expected
            AND in_actual
            AND e_prompt_version != a_prompt_version
        ),
        'model_id',
        countIf (
            in_expected
            AND in_actual
            AND e_model_id != a_model_id
        ),
        'provided_model_name',
        countIf (
            in_expected
            AND in_actual
            AND e_provided_model_name != a_provided_model_name
        ),
        'model_parameters',
        countIf (
            in_expected
            AND in_actual
            AND e_model_parameters != a_model_parameters
        ),
        'provided_usage_details',
        countIf (
            in_expected
            AND in_actual
            AND e_provided_usage_details != a_provided_usage_details
        ),
        'usage_details',
        countIf (
            in_expected
            AND in_actual
            AND e_usage_details != a_usage_details
        ),
        'provided_cost_details',
        countIf (
            in_expected
            AND in_actual
            AND e_provided_cost_details != a_provided_cost_details
        ),
        'cost_details',
        countIf (
            in_expected
            AND in_actual
            AND e_cost_details != a_cost_details
        ),
        'tool_definitions',
        countIf (
            in_expected
            AND in_actual
            AND e_tool_definitions != a_tool_definitions
        ),
        'tool_calls',
        countIf (
            in_expected
            AND in_actual
            AND e_tool_calls != a_tool_calls
        ),
        'tool_call_names',
        countIf (
            in_expected
            AND in_actual
            AND e_tool_call_names != a_tool_call_names
        ),
        'usage_pricing_tier_id',
        countIf (
            in_expected
            AND in_actual
            AND e_usage_pricing_tier_id != a_usage_pricing_tier_id
        ),
        'usage_pricing_tier_name',
        countIf (
            in_expected
            AND in_actual
            AND e_usage_pricing_tier_name != a_usage_pricing_tier_name
        ),
        'input',
        countIf (
            in_expected
            AND in_actual
            AND e_input != a_input
        ),
        'output',
        countIf (
            in_expected
            AND in_actual
            AND e_output != a_output
        ),
        'metadata_names',
        countIf (
            in_expected
            AND in_actual
            AND e_metadata_names != a_metadata_names
        ),
        'metadata_values',
        countIf (
            in_expected
            AND in_actual
            AND e_metadata_values != a_metadata_values
        ),
        'source',
        countIf (
            in_expected
            AND in_actual
            AND e_source != a_source
        ),
        'blob_storage_file_path',
        countIf (
            in_expected
            AND in_actual
            AND e_blob_storage_file_path != a_blob_storage_file_path
        ),
        'event_bytes',
        countIf (
            in_expected
            AND in_actual
            AND e_event_bytes != a_event_bytes
        ),
        'created_at',
        countIf (
            in_expected
            AND in_actual
            AND e_created_at != a_created_at
        ),
        'updated_at',
        countIf (
            in_expected
            AND in_actual
            AND e_updated_at != a_updated_at
        ),
        'event_ts',
        countIf (
            in_expected
            AND in_actual
            AND e_event_ts != a_event_ts
        ),
        'is_deleted',
        countIf (
            in_expected
            AND in_actual
            AND e_is_deleted != a_is_deleted
        )
    ) AS differing,
    groupArrayIf (10) (
        concat(project_id, ' ', span_id, ' ', toString(start_time)),
        NOT (
            in_expected
            AND in_actual
        )
        OR e_project_id != a_project_id
        OR e_trace_id != a_trace_id
        OR e_span_id != a_span_id
        OR e_parent_span_id != a_parent_span_id
        OR e_start_time != a_start_time
        OR e_end_time != a_end_time
        OR e_name != a_name
        OR e_type != a_type
        OR e_environment != a_environment
        OR e_version != a_version
        OR e_release != a_release
        OR e_tags != a_tags
        OR e_public != a_public
        OR e_bookmarked != a_bookmarked
        OR e_trace_name != a_trace_name
        OR e_user_id != a_user_id
        OR e_session_id != a_session_id
        OR e_level != a_level
        OR e_status_message != a_status_message
        OR e_completion_start_time != a_completion_start_time
        OR e_prompt_id != a_prompt_id
        OR e_prompt_name != a_prompt_name
        OR e_prompt_version != a_prompt_version
        OR e_model_id != a_model_id
        OR e_provided_model_name != a_provided_model_name
        OR e_model_parameters != a_model_parameters
        OR e_provided_usage_details != a_provided_usage_details
        OR e_usage_details != a_usage_details
        OR e_provided_cost_details != a_provided_cost_details
        OR e_cost_details != a_cost_details
        OR e_tool_definitions != a_tool_definitions
        OR e_tool_calls != a_tool_calls
        OR e_tool_call_names != a_tool_call_names
        OR e_usage_pricing_tier_id != a_usage_pricing_tier_id
        OR e_usage_pricing_tier_name != a_usage_pricing_tier_name
        OR e_input != a_input
        OR e_output != a_output
        OR e_metadata_names != a_metadata_names
        OR e_metadata_values != a_metadata_values
        OR e_source != a_source
        OR e_blob_storage_file_path != a_blob_storage_file_path
        OR e_event_bytes != a_event_bytes
        OR e_created_at != a_created_at
        OR e_updated_at != a_updated_at
        OR e_event_ts != a_event_ts
        OR e_is_deleted != a_is_deleted
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
            cityHash64(tuple(o.h_project_id)) AS e_project_id,
            cityHash64(tuple(o.h_trace_id)) AS e_trace_id,
            cityHash64(tuple(o.h_span_id)) AS e_span_id,
            cityHash64(tuple(o.h_parent_span_id)) AS e_parent_span_id,
            cityHash64(tuple(o.h_start_time)) AS e_start_time,
            cityHash64(tuple(o.h_end_time)) AS e_end_time,
            cityHash64(tuple(o.h_name)) AS e_name,
            cityHash64(tuple(o.h_type)) AS e_type,
            cityHash64(tuple(o.h_environment)) AS e_environment,
            cityHash64(tuple(0, CAST(ifNull(coalesce(o.version, t.version), defaultValueOfTypeName('String')), 'String'))) AS e_version,
            cityHash64(tuple(0, CAST(ifNull(coalesce(t.release, ''), defaultValueOfTypeName('String')), 'String'))) AS e_release,
            cityHash64(tuple(0, CAST(ifNull(t.tags, defaultValueOfTypeName('Array(String)')), 'Array(String)'))) AS e_tags,
            cityHash64(tuple(0, CAST(ifNull(t.public, defaultValueOfTypeName('Bool')), 'Bool'))) AS e_public,
            cityHash64(
                tuple(
                    0,
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
                    )
                )
            ) AS e_bookmarked,
            cityHash64(tuple(0, CAST(ifNull(coalesce(t.name, ''), defaultValueOfTypeName('String')), 'String'))) AS e_trace_name,
            cityHash64(tuple(0, CAST(ifNull(coalesce(t.user_id, ''), defaultValueOfTypeName('String')), 'String'))) AS e_user_id,
            cityHash64(tuple(0, CAST(ifNull(coalesce(t.session_id, ''), defaultValueOfTypeName('String')), 'String'))) AS e_session_id,
            cityHash64(tuple(o.h_level)) AS e_level,
            cityHash64(tuple(o.h_status_message)) AS e_status_message,
            cityHash64(tuple(o.h_completion_start_time)) AS e_completion_start_time,
            cityHash64(tuple(o.h_prompt_id)) AS e_prompt_id,
            cityHash64(tuple(o.h_prompt_name)) AS e_prompt_name,
            cityHash64(tuple(o.h_prompt_version)) AS e_prompt_version,
            cityHash64(tuple(o.h_model_id)) AS e_model_id,
            cityHash64(tuple(o.h_provided_model_name)) AS e_provided_model_name,
            cityHash64(tuple(o.h_model_parameters)) AS e_model_parameters,
            cityHash64(tuple(o.h_provided_usage_details)) AS e_provided_usage_details,
            cityHash64(tuple(o.h_usage_details)) AS e_usage_details,
            cityHash64(tuple(o.h_provided_cost_details)) AS e_provided_cost_details,
            cityHash64(tuple(o.h_cost_details)) AS e_cost_details,
            cityHash64(tuple(o.h_tool_definitions)) AS e_tool_definitions,
            cityHash64(tuple(o.h_tool_calls)) AS e_tool_calls,
            cityHash64(tuple(o.h_tool_call_names)) AS e_tool_call_names,
            cityHash64(tuple(o.h_usage_pricing_tier_id)) AS e_usage_pricing_tier_id,
            cityHash64(tuple(o.h_usage_pricing_tier_name)) AS e_usage_pricing_tier_name,
            cityHash64(tuple(o.h_input)) AS e_input,
            cityHash64(tuple(o.h_output)) AS e_output,
            cityHash64(tuple(o.h_metadata_names)) AS e_metadata_names,
            cityHash64(tuple(o.h_metadata_values)) AS e_metadata_values,
            cityHash64(tuple(o.h_source)) AS e_source,
            cityHash64(tuple(o.h_blob_storage_file_path)) AS e_blob_storage_file_path,
            cityHash64(tuple(o.h_event_bytes)) AS e_event_bytes,
            cityHash64(tuple(o.h_created_at)) AS e_created_at,
            cityHash64(tuple(o.h_updated_at)) AS e_updated_at,
            cityHash64(tuple(o.h_event_ts)) AS e_event_ts,
            cityHash64(tuple(o.h_is_deleted)) AS e_is_deleted
        FROM
            (
                SELECT
                    project_id,
                    trace_id,
                    id,
                    argMax(is_deleted, __version) AS deleted,
                    argMax(tuple(`version`), __version) .1 AS `version`,
                    argMax(tuple(`parent_observation_id`), __version) .1 AS `parent_observation_id`,
                    argMax(h_project_id, __version) AS h_project_id,
                    argMax(h_trace_id, __version) AS h_trace_id,
                    argMax(h_span_id, __version) AS h_span_id,
                    argMax(h_parent_span_id, __version) AS h_parent_span_id,
                    argMax(h_start_time, __version) AS h_start_time,
                    argMax(h_end_time, __version) AS h_end_time,
                    argMax(h_name, __version) AS h_name,
                    argMax(h_type, __version) AS h_type,
                    argMax(h_environment, __version) AS h_environment,
                    argMax(h_level, __version) AS h_level,
                    argMax(h_status_message, __version) AS h_status_message,
                    argMax(h_completion_start_time, __version) AS h_completion_start_time,
                    argMax(h_prompt_id, __version) AS h_prompt_id,
                    argMax(h_prompt_name, __version) AS h_prompt_name,
                    argMax(h_prompt_version, __version) AS h_prompt_version,
                    argMax(h_model_id, __version) AS h_model_id,
                    argMax(h_provided_model_name, __version) AS h_provided_model_name,
                    argMax(h_model_parameters, __version) AS h_model_parameters,
                    argMax(h_provided_usage_details, __version) AS h_provided_usage_details,
                    argMax(h_usage_details, __version) AS h_usage_details,
                    argMax(h_provided_cost_details, __version) AS h_provided_cost_details,
                    argMax(h_cost_details, __version) AS h_cost_details,
                    argMax(h_tool_definitions, __version) AS h_tool_definitions,
                    argMax(h_tool_calls, __version) AS h_tool_calls,
                    argMax(h_tool_call_names, __version) AS h_tool_call_names,
                    argMax(h_usage_pricing_tier_id, __version) AS h_usage_pricing_tier_id,
                    argMax(h_usage_pricing_tier_name, __version) AS h_usage_pricing_tier_name,
                    argMax(h_input, __version) AS h_input,
                    argMax(h_output, __version) AS h_output,
                    argMax(h_metadata_names, __version) AS h_metadata_names,
                    argMax(h_metadata_values, __version) AS h_metadata_values,
                    argMax(h_source, __version) AS h_source,
                    argMax(h_blob_storage_file_path, __version) AS h_blob_storage_file_path,
                    argMax(h_event_bytes, __version) AS h_event_bytes,
                    argMax(h_created_at, __version) AS h_created_at,
                    argMax(h_updated_at, __version) AS h_updated_at,
                    argMax(h_event_ts, __version) AS h_event_ts,
                    argMax(h_is_deleted, __version) AS h_is_deleted,
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
                            cityHash64(tuple(CAST(ifNull(o.project_id, defaultValueOfTypeName('String')), 'String'), 0)) AS h_project_id,
                            cityHash64(tuple(CAST(ifNull(o.trace_id, defaultValueOfTypeName('String')), 'String'), 0)) AS h_trace_id,
                            cityHash64(tuple(CAST(ifNull(o.id, defaultValueOfTypeName('String')), 'String'), 0)) AS h_span_id,
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(
                                            if(o.id = o.trace_id, NULL, coalesce(o.parent_observation_id, concat('t-', o.trace_id))),
                                            defaultValueOfTypeName('String')
                                        ),
                                        'String'
                                    ),
                                    0
                                )
                            ) AS h_parent_span_id,
                            cityHash64(tuple(CAST(ifNull(o.start_time, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'), 0)) AS h_start_time,
                            cityHash64(tuple(CAST(o.end_time, 'Nullable(DateTime64(6))'), 0)) AS h_end_time,
                            cityHash64(tuple(CAST(ifNull(o.name, defaultValueOfTypeName('String')), 'String'), 0)) AS h_name,
                            cityHash64(
                                tuple(CAST(ifNull(o.type, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'), 0)
                            ) AS h_type,
                            cityHash64(
                                tuple(
                                    CAST(ifNull(o.environment, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    0
                                )
                            ) AS h_environment,
                            cityHash64(
                                tuple(
                                    CAST(ifNull(o.level, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    0
                                )
                            ) AS h_level,
                            cityHash64(tuple(CAST(ifNull(coalesce(o.status_message, ''), defaultValueOfTypeName('String')), 'String'), 0)) AS h_status_message,
                            cityHash64(tuple(CAST(o.completion_start_time, 'Nullable(DateTime64(6))'), 0)) AS h_completion_start_time,
                            cityHash64(tuple(CAST(ifNull(o.prompt_id, defaultValueOfTypeName('String')), 'String'), 0)) AS h_prompt_id,
                            cityHash64(tuple(CAST(ifNull(o.prompt_name, defaultValueOfTypeName('String')), 'String'), 0)) AS h_prompt_name,
                            cityHash64(tuple(CAST(o.prompt_version, 'Nullable(UInt16)'), 0)) AS h_prompt_version,
                            cityHash64(tuple(CAST(ifNull(o.internal_model_id, defaultValueOfTypeName('String')), 'String'), 0)) AS h_model_id,
                            cityHash64(tuple(CAST(ifNull(o.provided_model_name, defaultValueOfTypeName('String')), 'String'), 0)) AS h_provided_model_name,
                            cityHash64(
                                tuple(CAST(ifNull(coalesce(o.model_parameters, '{}'), defaultValueOfTypeName('String')), 'String'), 0)
                            ) AS h_model_parameters,
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(o.provided_usage_details, defaultValueOfTypeName('Map(LowCardinality(String), UInt64)')),
                                        'Map(LowCardinality(String), UInt64)'
                                    ),
                                    0
                                )
                            ) AS h_provided_usage_details,
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(o.usage_details, defaultValueOfTypeName('Map(LowCardinality(String), UInt64)')),
                                        'Map(LowCardinality(String), UInt64)'
                                    ),
                                    0
                                )
                            ) AS h_usage_details,
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(o.provided_cost_details, defaultValueOfTypeName('Map(LowCardinality(String), Decimal(18, 12))')),
                                        'Map(LowCardinality(String), Decimal(18, 12))'
                                    ),
                                    0
                                )
                            ) AS h_provided_cost_details,
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(o.cost_details, defaultValueOfTypeName('Map(LowCardinality(String), Decimal(18, 12))')),
                                        'Map(LowCardinality(String), Decimal(18, 12))'
                                    ),
                                    0
                                )
                            ) AS h_cost_details,
                            cityHash64(
                                tuple(
                                    CAST(ifNull(o.tool_definitions, defaultValueOfTypeName('Map(String, String)')), 'Map(String, String)'),
                                    0
                                )
                            ) AS h_tool_definitions,
                            cityHash64(tuple(CAST(ifNull(o.tool_calls, defaultValueOfTypeName('Array(String)')), 'Array(String)'), 0)) AS h_tool_calls,
                            cityHash64(tuple(CAST(ifNull(o.tool_call_names, defaultValueOfTypeName('Array(String)')), 'Array(String)'), 0)) AS h_tool_call_names,
                            cityHash64(tuple(CAST(o.usage_pricing_tier_id, 'Nullable(String)'), 0)) AS h_usage_pricing_tier_id,
                            cityHash64(tuple(CAST(o.usage_pricing_tier_name, 'Nullable(String)'), 0)) AS h_usage_pricing_tier_name,
                            cityHash64(tuple(CAST(ifNull(coalesce(o.input, ''), defaultValueOfTypeName('String')), 'String'), 0)) AS h_input,
                            cityHash64(tuple(CAST(ifNull(coalesce(o.output, ''), defaultValueOfTypeName('String')), 'String'), 0)) AS h_output,
                            cityHash64(
                                tuple(CAST(ifNull(mapKeys(o.metadata), defaultValueOfTypeName('Array(String)')), 'Array(String)'), 0)
                            ) AS h_metadata_names,
                            cityHash64(
                                tuple(CAST(ifNull(mapValues(o.metadata), defaultValueOfTypeName('Array(String)')), 'Array(String)'), 0)
                            ) AS h_metadata_values,
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(
                                            multiIf(mapContains(o.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill'),
                                            defaultValueOfTypeName('LowCardinality(String)')
                                        ),
                                        'LowCardinality(String)'
                                    ),
                                    0
                                )
                            ) AS h_source,
                            cityHash64(tuple(CAST(ifNull('', defaultValueOfTypeName('String')), 'String'), 0)) AS h_blob_storage_file_path,
                            cityHash64(tuple(CAST(ifNull(0, defaultValueOfTypeName('UInt64')), 'UInt64'), 0)) AS h_event_bytes,
                            cityHash64(tuple(CAST(ifNull(o.created_at, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'), 0)) AS h_created_at,
                            cityHash64(tuple(CAST(ifNull(o.updated_at, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'), 0)) AS h_updated_at,
                            cityHash64(tuple(CAST(ifNull(o.event_ts, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'), 0)) AS h_event_ts,
                            cityHash64(tuple(CAST(ifNull(o.is_deleted, defaultValueOfTypeName('UInt8')), 'UInt8'), 0)) AS h_is_deleted,
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
            argMax(h_project_id, __version) AS e_project_id,
            argMax(h_trace_id, __version) AS e_trace_id,
            argMax(h_span_id, __version) AS e_span_id,
            argMax(h_parent_span_id, __version) AS e_parent_span_id,
            argMax(h_start_time, __version) AS e_start_time,
            argMax(h_end_time, __version) AS e_end_time,
            argMax(h_name, __version) AS e_name,
            argMax(h_type, __version) AS e_type,
            argMax(h_environment, __version) AS e_environment,
            argMax(h_version, __version) AS e_version,
            argMax(h_release, __version) AS e_release,
            argMax(h_tags, __version) AS e_tags,
            argMax(h_public, __version) AS e_public,
            argMax(h_bookmarked, __version) AS e_bookmarked,
            argMax(h_trace_name, __version) AS e_trace_name,
            argMax(h_user_id, __version) AS e_user_id,
            argMax(h_session_id, __version) AS e_session_id,
            argMax(h_level, __version) AS e_level,
            argMax(h_status_message, __version) AS e_status_message,
            argMax(h_completion_start_time, __version) AS e_completion_start_time,
            argMax(h_prompt_id, __version) AS e_prompt_id,
            argMax(h_prompt_name, __version) AS e_prompt_name,
            argMax(h_prompt_version, __version) AS e_prompt_version,
            argMax(h_model_id, __version) AS e_model_id,
            argMax(h_provided_model_name, __version) AS e_provided_model_name,
            argMax(h_model_parameters, __version) AS e_model_parameters,
            argMax(h_provided_usage_details, __version) AS e_provided_usage_details,
            argMax(h_usage_details, __version) AS e_usage_details,
            argMax(h_provided_cost_details, __version) AS e_provided_cost_details,
            argMax(h_cost_details, __version) AS e_cost_details,
            argMax(h_tool_definitions, __version) AS e_tool_definitions,
            argMax(h_tool_calls, __version) AS e_tool_calls,
            argMax(h_tool_call_names, __version) AS e_tool_call_names,
            argMax(h_usage_pricing_tier_id, __version) AS e_usage_pricing_tier_id,
            argMax(h_usage_pricing_tier_name, __version) AS e_usage_pricing_tier_name,
            argMax(h_input, __version) AS e_input,
            argMax(h_output, __version) AS e_output,
            argMax(h_metadata_names, __version) AS e_metadata_names,
            argMax(h_metadata_values, __version) AS e_metadata_values,
            argMax(h_source, __version) AS e_source,
            argMax(h_blob_storage_file_path, __version) AS e_blob_storage_file_path,
            argMax(h_event_bytes, __version) AS e_event_bytes,
            argMax(h_created_at, __version) AS e_created_at,
            argMax(h_updated_at, __version) AS e_updated_at,
            argMax(h_event_ts, __version) AS e_event_ts,
            argMax(h_is_deleted, __version) AS e_is_deleted
        FROM
            (
                SELECT
                    project_id,
                    id,
                    timestamp,
                    is_deleted,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(t.project_id, defaultValueOfTypeName('String')), 'String'), 0)))) AS h_project_id,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(t.id, defaultValueOfTypeName('String')), 'String'), 0)))) AS h_trace_id,
                    cityHash64(
                        tuple(cityHash64(tuple(CAST(ifNull(concat('t-', t.id), defaultValueOfTypeName('String')), 'String'), 0)))
                    ) AS h_span_id,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull('', defaultValueOfTypeName('String')), 'String'), 0)))) AS h_parent_span_id,
                    cityHash64(
                        tuple(
                            cityHash64(tuple(CAST(ifNull(t.timestamp, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'), 0))
                        )
                    ) AS h_start_time,
                    cityHash64(tuple(cityHash64(tuple(CAST(NULL, 'Nullable(DateTime64(6))'), 0)))) AS h_end_time,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(t.name, defaultValueOfTypeName('String')), 'String'), 0)))) AS h_name,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(CAST(ifNull('SPAN', defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'), 0)
                            )
                        )
                    ) AS h_type,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(
                                    CAST(ifNull(t.environment, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    0
                                )
                            )
                        )
                    ) AS h_environment,
                    cityHash64(tuple(0, CAST(ifNull(coalesce(t.version, ''), defaultValueOfTypeName('String')), 'String'))) AS h_version,
                    cityHash64(tuple(0, CAST(ifNull(coalesce(t.release, ''), defaultValueOfTypeName('String')), 'String'))) AS h_release,
                    cityHash64(tuple(0, CAST(ifNull(t.tags, defaultValueOfTypeName('Array(String)')), 'Array(String)'))) AS h_tags,
                    cityHash64(tuple(0, CAST(ifNull(t.public, defaultValueOfTypeName('Bool')), 'Bool'))) AS h_public,
                    cityHash64(tuple(0, CAST(ifNull(t.bookmarked, defaultValueOfTypeName('Bool')), 'Bool'))) AS h_bookmarked,
                    cityHash64(tuple(0, CAST(ifNull(t.name, defaultValueOfTypeName('String')), 'String'))) AS h_trace_name,
                    cityHash64(tuple(0, CAST(ifNull(coalesce(t.user_id, ''), defaultValueOfTypeName('String')), 'String'))) AS h_user_id,
                    cityHash64(tuple(0, CAST(ifNull(coalesce(t.session_id, ''), defaultValueOfTypeName('String')), 'String'))) AS h_session_id,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(
                                    CAST(ifNull('DEFAULT', defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)'),
                                    0
                                )
                            )
                        )
                    ) AS h_level,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'), 0)))) AS h_status_message,
                    cityHash64(tuple(cityHash64(tuple(CAST(NULL, 'Nullable(DateTime64(6))'), 0)))) AS h_completion_start_time,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'), 0)))) AS h_prompt_id,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'), 0)))) AS h_prompt_name,
                    cityHash64(tuple(cityHash64(tuple(CAST(NULL, 'Nullable(UInt16)'), 0)))) AS h_prompt_version,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'), 0)))) AS h_model_id,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(NULL, defaultValueOfTypeName('String')), 'String'), 0)))) AS h_provided_model_name,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull('{}', defaultValueOfTypeName('String')), 'String'), 0)))) AS h_model_parameters,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(NULL, defaultValueOfTypeName('Map(LowCardinality(String), UInt64)')),
                                        'Map(LowCardinality(String), UInt64)'
                                    ),
                                    0
                                )
                            )
                        )
                    ) AS h_provided_usage_details,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(NULL, defaultValueOfTypeName('Map(LowCardinality(String), UInt64)')),
                                        'Map(LowCardinality(String), UInt64)'
                                    ),
                                    0
                                )
                            )
                        )
                    ) AS h_usage_details,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(NULL, defaultValueOfTypeName('Map(LowCardinality(String), Decimal(18, 12))')),
                                        'Map(LowCardinality(String), Decimal(18, 12))'
                                    ),
                                    0
                                )
                            )
                        )
                    ) AS h_provided_cost_details,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(NULL, defaultValueOfTypeName('Map(LowCardinality(String), Decimal(18, 12))')),
                                        'Map(LowCardinality(String), Decimal(18, 12))'
                                    ),
                                    0
                                )
                            )
                        )
                    ) AS h_cost_details,
                    cityHash64(
                        tuple(
                            cityHash64(tuple(CAST(ifNull(NULL, defaultValueOfTypeName('Map(String, String)')), 'Map(String, String)'), 0))
                        )
                    ) AS h_tool_definitions,
                    cityHash64(
                        tuple(cityHash64(tuple(CAST(ifNull(NULL, defaultValueOfTypeName('Array(String)')), 'Array(String)'), 0)))
                    ) AS h_tool_calls,
                    cityHash64(
                        tuple(cityHash64(tuple(CAST(ifNull(NULL, defaultValueOfTypeName('Array(String)')), 'Array(String)'), 0)))
                    ) AS h_tool_call_names,
                    cityHash64(tuple(cityHash64(tuple(CAST(NULL, 'Nullable(String)'), 0)))) AS h_usage_pricing_tier_id,
                    cityHash64(tuple(cityHash64(tuple(CAST(NULL, 'Nullable(String)'), 0)))) AS h_usage_pricing_tier_name,
                    cityHash64(
                        tuple(
                            cityHash64(tuple(CAST(ifNull(coalesce(t.input, ''), defaultValueOfTypeName('String')), 'String'), 0))
                        )
                    ) AS h_input,
                    cityHash64(
                        tuple(
                            cityHash64(tuple(CAST(ifNull(coalesce(t.output, ''), defaultValueOfTypeName('String')), 'String'), 0))
                        )
                    ) AS h_output,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(CAST(ifNull(mapKeys(t.metadata), defaultValueOfTypeName('Array(String)')), 'Array(String)'), 0)
                            )
                        )
                    ) AS h_metadata_names,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(CAST(ifNull(mapValues(t.metadata), defaultValueOfTypeName('Array(String)')), 'Array(String)'), 0)
                            )
                        )
                    ) AS h_metadata_values,
                    cityHash64(
                        tuple(
                            cityHash64(
                                tuple(
                                    CAST(
                                        ifNull(
                                            multiIf(mapContains(t.metadata, 'resourceAttributes'), 'otel-backfill', 'ingestion-api-backfill'),
                                            defaultValueOfTypeName('LowCardinality(String)')
                                        ),
                                        'LowCardinality(String)'
                                    ),
                                    0
                                )
                            )
                        )
                    ) AS h_source,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull('', defaultValueOfTypeName('String')), 'String'), 0)))) AS h_blob_storage_file_path,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(0, defaultValueOfTypeName('UInt64')), 'UInt64'), 0)))) AS h_event_bytes,
                    cityHash64(
                        tuple(
                            cityHash64(tuple(CAST(ifNull(t.created_at, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'), 0))
                        )
                    ) AS h_created_at,
                    cityHash64(
                        tuple(
                            cityHash64(tuple(CAST(ifNull(t.updated_at, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'), 0))
                        )
                    ) AS h_updated_at,
                    cityHash64(
                        tuple(
                            cityHash64(tuple(CAST(ifNull(t.event_ts, defaultValueOfTypeName('DateTime64(6)')), 'DateTime64(6)'), 0))
                        )
                    ) AS h_event_ts,
                    cityHash64(tuple(cityHash64(tuple(CAST(ifNull(t.is_deleted, defaultValueOfTypeName('UInt8')), 'UInt8'), 0)))) AS h_is_deleted,
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
            cityHash64(tuple(cityHash64(tuple(`project_id`, 0)))) AS a_project_id,
            cityHash64(tuple(cityHash64(tuple(`trace_id`, 0)))) AS a_trace_id,
            cityHash64(tuple(cityHash64(tuple(`span_id`, 0)))) AS a_span_id,
            cityHash64(tuple(cityHash64(tuple(`parent_span_id`, 0)))) AS a_parent_span_id,
            cityHash64(tuple(cityHash64(tuple(`start_time`, 0)))) AS a_start_time,
            cityHash64(tuple(cityHash64(tuple(`end_time`, 0)))) AS a_end_time,
            cityHash64(tuple(cityHash64(tuple(`name`, 0)))) AS a_name,
            cityHash64(tuple(cityHash64(tuple(`type`, 0)))) AS a_type,
            cityHash64(tuple(cityHash64(tuple(`environment`, 0)))) AS a_environment,
            cityHash64(tuple(0, `version`)) AS a_version,
            cityHash64(tuple(0, `release`)) AS a_release,
            cityHash64(tuple(0, `tags`)) AS a_tags,
            cityHash64(tuple(0, `public`)) AS a_public,
            cityHash64(tuple(0, `bookmarked`)) AS a_bookmarked,
            cityHash64(tuple(0, `trace_name`)) AS a_trace_name,
            cityHash64(tuple(0, `user_id`)) AS a_user_id,
            cityHash64(tuple(0, `session_id`)) AS a_session_id,
            cityHash64(tuple(cityHash64(tuple(`level`, 0)))) AS a_level,
            cityHash64(tuple(cityHash64(tuple(`status_message`, 0)))) AS a_status_message,
            cityHash64(tuple(cityHash64(tuple(`completion_start_time`, 0)))) AS a_completion_start_time,
            cityHash64(tuple(cityHash64(tuple(`prompt_id`, 0)))) AS a_prompt_id,
            cityHash64(tuple(cityHash64(tuple(`prompt_name`, 0)))) AS a_prompt_name,
            cityHash64(tuple(cityHash64(tuple(`prompt_version`, 0)))) AS a_prompt_version,
            cityHash64(tuple(cityHash64(tuple(`model_id`, 0)))) AS a_model_id,
            cityHash64(tuple(cityHash64(tuple(`provided_model_name`, 0)))) AS a_provided_model_name,
            cityHash64(tuple(cityHash64(tuple(`model_parameters`, 0)))) AS a_model_parameters,
            cityHash64(tuple(cityHash64(tuple(`provided_usage_details`, 0)))) AS a_provided_usage_details,
            cityHash64(tuple(cityHash64(tuple(`usage_details`, 0)))) AS a_usage_details,
            cityHash64(tuple(cityHash64(tuple(`provided_cost_details`, 0)))) AS a_provided_cost_details,
            cityHash64(tuple(cityHash64(tuple(`cost_details`, 0)))) AS a_cost_details,
            cityHash64(tuple(cityHash64(tuple(`tool_definitions`, 0)))) AS a_tool_definitions,
            cityHash64(tuple(cityHash64(tuple(`tool_calls`, 0)))) AS a_tool_calls,
            cityHash64(tuple(cityHash64(tuple(`tool_call_names`, 0)))) AS a_tool_call_names,
            cityHash64(tuple(cityHash64(tuple(`usage_pricing_tier_id`, 0)))) AS a_usage_pricing_tier_id,
            cityHash64(tuple(cityHash64(tuple(`usage_pricing_tier_name`, 0)))) AS a_usage_pricing_tier_name,
            cityHash64(tuple(cityHash64(tuple(`input`, 0)))) AS a_input,
            cityHash64(tuple(cityHash64(tuple(`output`, 0)))) AS a_output,
            cityHash64(tuple(cityHash64(tuple(`metadata_names`, 0)))) AS a_metadata_names,
            cityHash64(tuple(cityHash64(tuple(`metadata_values`, 0)))) AS a_metadata_values,
            cityHash64(tuple(cityHash64(tuple(`source`, 0)))) AS a_source,
            cityHash64(tuple(cityHash64(tuple(`blob_storage_file_path`, 0)))) AS a_blob_storage_file_path,
            cityHash64(tuple(cityHash64(tuple(`event_bytes`, 0)))) AS a_event_bytes,
            cityHash64(tuple(cityHash64(tuple(`created_at`, 0)))) AS a_created_at,
            cityHash64(tuple(cityHash64(tuple(`updated_at`, 0)))) AS a_updated_at,
            cityHash64(tuple(cityHash64(tuple(`event_ts`, 0)))) AS a_event_ts,
            cityHash64(tuple(cityHash64(tuple(`is_deleted`, 0)))) AS a_is_deleted
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
