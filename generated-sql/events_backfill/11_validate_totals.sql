-- Validation: usage and cost totals of the partition's events against their observations'
-- latest versions, and events stored more than once.
WITH
    latest AS (
        SELECT
            argMax(tuple(usage_details, cost_details, `is_deleted`), `event_ts`) AS v
        FROM
            `default`.`observations`
        WHERE
            `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
        GROUP BY
            `project_id`,
            `id`
    )
SELECT
    (
        SELECT
            toString(sum(arraySum(mapValues(v .1))))
        FROM
            latest
        WHERE
            v .3 = 0
    ) AS expected_usage,
    (
        SELECT
            toString(sum(arraySum(mapValues(usage_details))))
        FROM
            `default`.`events`
        WHERE
            `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
            AND is_deleted = 0
    ) AS actual_usage,
    (
        SELECT
            toString(sum(arraySum(mapValues(v .2))))
        FROM
            latest
        WHERE
            v .3 = 0
    ) AS expected_cost,
    (
        SELECT
            toString(sum(arraySum(mapValues(cost_details))))
        FROM
            `default`.`events`
        WHERE
            `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
            AND is_deleted = 0
    ) AS actual_cost,
    (
        SELECT
            count() - uniqExact(project_id, span_id)
        FROM
            `default`.`events`
        WHERE
            `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
    ) AS duplicate_rows
