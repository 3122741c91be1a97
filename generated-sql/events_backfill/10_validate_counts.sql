-- Validation: events per day in the partition against the observations they come from,
-- recomputed here independently of the insert: the latest version of each (project_id, id)
-- over the whole partition by argMax, deleted ones left out.
SELECT
    toString(day) AS day,
    sum(expected) AS expected,
    sum(actual_rows) AS actual_rows,
    sum(actual_ids) AS actual_ids
FROM
    (
        SELECT
            toDate(latest .1, 'UTC') AS day,
            count() AS expected,
            0 AS actual_rows,
            0 AS actual_ids
        FROM
            (
                SELECT
                    argMax(tuple(`start_time`, `is_deleted`), `event_ts`) AS latest
                FROM
                    `default`.`observations`
                WHERE
                    `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
                    AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
                GROUP BY
                    `project_id`,
                    `id`
            )
        WHERE
            latest .2 = 0
        GROUP BY
            day
        UNION ALL
        SELECT
            toDate(`start_time`, 'UTC') AS day,
            0 AS expected,
            count() AS actual_rows,
            uniqExact(project_id, span_id) AS actual_ids
        FROM
            `default`.`events`
        WHERE
            `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
            AND is_deleted = 0
        GROUP BY
            day
    )
GROUP BY
    day
ORDER BY
    day
