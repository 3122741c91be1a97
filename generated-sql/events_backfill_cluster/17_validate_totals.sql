-- Validation of one partition of an events table (staging before publish, the target after):
-- usage and cost totals against the observations' latest versions (argMax, independently of
-- the insert), and rows stored more than once under the table's sorting key.
WITH
    latest AS (
        SELECT
            argMax(arraySum(mapValues(usage_details)), __version) AS usage,
            argMax(arraySum(mapValues(cost_details)), __version) AS cost,
            argMax(is_deleted, __version) AS deleted
        FROM
            (
                SELECT
                    project_id,
                    trace_id,
                    id,
                    usage_details,
                    cost_details,
                    is_deleted,
                    bitShiftLeft(toInt128(toUnixTimestamp64Micro(event_ts)), 64) + bitShiftLeft(toInt128(_block_number), 32) + toInt128(_part_offset) AS __version
                FROM
                    `default`.`observations`
                WHERE
                    _partition_id = {partition_id:String}
                    AND (project_id, trace_id) NOT IN (
                        SELECT
                            project_id,
                            trace_id
                        FROM
                            `default`.`dataset_run_items_rmt`
                    )
            )
        GROUP BY
            project_id,
            trace_id,
            id
    ),
    events AS (
        SELECT
            project_id,
            span_id,
            start_time,
            usage_details,
            cost_details
        FROM
            {events_db:Identifier}.{events_table:Identifier}
        WHERE
            _partition_id = {partition_id:String}
            AND is_deleted = 0
    )
SELECT
    (
        SELECT
            toString(sum(usage))
        FROM
            latest
        WHERE
            deleted = 0
    ) AS expected_usage,
    (
        SELECT
            toString(sum(arraySum(mapValues(usage_details))))
        FROM
            events
    ) AS actual_usage,
    (
        SELECT
            toString(sum(cost))
        FROM
            latest
        WHERE
            deleted = 0
    ) AS expected_cost,
    (
        SELECT
            toString(sum(arraySum(mapValues(cost_details))))
        FROM
            events
    ) AS actual_cost,
    (
        SELECT
            count() - uniqExact(project_id, span_id, start_time)
        FROM
            events
    ) AS duplicate_rows
