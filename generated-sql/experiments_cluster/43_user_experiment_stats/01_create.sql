-- user_experiment_stats: each user's events, exposures, conversions and revenue per experiment and day.
-- Rebuilt by chplan run --day, up to a week of days per unit by default (staging, then REPLACE
-- PARTITION of each day), always from the latest state per key, so updates, deletes and
-- redelivered messages are counted exactly once.
-- Created empty with the structure of its SELECT.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`user_experiment_stats`
ON CLUSTER `experiments` ENGINE = ReplicatedSummingMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY
    toYYYYMMDD(`day`)
ORDER BY
    (`experiment_id`, `user_id`, `day`) EMPTY AS
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
            )
        GROUP BY
            day,
            experiment_id,
            user_id
    )
COMMENT 'chplan definition 1422420001970f8e'
