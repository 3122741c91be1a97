-- THE rebuild of user_experiment_stats for the whole days in [chunk_start, chunk_end), into staging.
INSERT INTO
    `experiments_analytics`.`user_experiment_stats__staging`
SELECT
    *
FROM
    (
        SELECT
            toDate(event_time) AS day,
            experiment_id,
            user_id,
            count() AS events,
            countIf (is_exposure) AS exposures,
            countIf (is_conversion) AS conversions,
            sum(value) AS value,
            sum(revenue) AS revenue,
            min(event_time) AS first_event,
            max(event_time) AS last_event
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
            )
        GROUP BY
            day,
            experiment_id,
            user_id
    )
WHERE
    `day` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `day` < {chunk_end:DateTime64(3, 'UTC')}
