-- THE rebuild of experiment_daily_stats for the whole days in [chunk_start, chunk_end), into staging.
INSERT INTO
    `experiments_analytics`.`experiment_daily_stats__staging`
SELECT
    *
FROM
    (
        SELECT
            toDate(hour) AS day,
            experiment_id,
            variant_id,
            sum(events) AS events,
            sum(exposures) AS exposures,
            sum(conversions) AS conversions,
            sum(valid_events) AS valid_events,
            sum(users) AS user_hours,
            sum(value) AS value
        FROM
            (
                SELECT
                    *
                FROM
                    `experiments_analytics`.`experiment_hourly_stats`
                WHERE
                    `hour` >= {chunk_start:DateTime64(3, 'UTC')}
                    AND `hour` < {chunk_end:DateTime64(3, 'UTC')}
            )
        GROUP BY
            day,
            experiment_id,
            variant_id
    )
WHERE
    `day` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `day` < {chunk_end:DateTime64(3, 'UTC')}
