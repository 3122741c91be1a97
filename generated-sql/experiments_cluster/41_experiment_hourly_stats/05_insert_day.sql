-- THE rebuild of experiment_hourly_stats for the whole days in [chunk_start, chunk_end), into staging.
INSERT INTO
    `experiments_analytics`.`experiment_hourly_stats__staging`
SELECT
    *
FROM
    (
        SELECT
            toStartOfHour(e.event_time) AS hour,
            e.experiment_id AS experiment_id,
            e.variant_id AS variant_id,
            count() AS events,
            countIf (e.is_exposure) AS exposures,
            countIf (e.is_conversion) AS conversions,
            countIf (
                a.assigned = 0
                OR e.event_time >= a.assigned_at
            ) AS valid_events,
            uniqExact(e.user_id) AS users,
            sum(e.value) AS value
        FROM
            (
                SELECT
                    *
                FROM
                    `experiments_analytics`.`events_processed_all` FINAL
                WHERE
                    `_deleted` = 0
                    AND `_version` > (
                        SELECT
                            max(version)
                        FROM
                            `experiments_analytics`.`experiments_cluster_truncations_all`
                        WHERE
                            source_table = 'events'
                    )
                    AND `event_time` >= {chunk_start:DateTime64(3, 'UTC')}
                    AND `event_time` < {chunk_end:DateTime64(3, 'UTC')}
            ) AS e
            LEFT JOIN (
                SELECT
                    user_id,
                    experiment_id,
                    min(assigned_at) AS assigned_at,
                    1 AS assigned
                FROM
                    (
                        SELECT
                            *
                        FROM
                            `experiments_analytics`.`assignments_processed_all` FINAL
                        WHERE
                            `_deleted` = 0
                            AND `_version` > (
                                SELECT
                                    max(version)
                                FROM
                                    `experiments_analytics`.`experiments_cluster_truncations_all`
                                WHERE
                                    source_table = 'assignments'
                            )
                    )
                GROUP BY
                    user_id,
                    experiment_id
            ) AS a ON a.user_id = e.user_id
            AND a.experiment_id = e.experiment_id
        GROUP BY
            hour,
            experiment_id,
            variant_id
    )
WHERE
    `hour` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `hour` < {chunk_end:DateTime64(3, 'UTC')}
