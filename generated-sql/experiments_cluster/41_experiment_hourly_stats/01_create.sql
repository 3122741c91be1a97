-- experiment_hourly_stats: events, exposures, conversions, valid events (none before the user's assignment, as the seed counts them), distinct users and value per experiment, variant and hour.
-- Rebuilt by chplan run --day, up to a week of days per unit by default (staging, then REPLACE
-- PARTITION of each day), always from the latest state per key, so updates, deletes and
-- redelivered messages are counted exactly once.
-- Created empty with the structure of its SELECT.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiment_hourly_stats`
ON CLUSTER `experiments` ENGINE = ReplicatedSummingMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY
    toYYYYMMDD(`hour`)
ORDER BY
    (`experiment_id`, `variant_id`, `hour`) EMPTY AS
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
COMMENT 'chplan definition 43c0f16721d9c562'
