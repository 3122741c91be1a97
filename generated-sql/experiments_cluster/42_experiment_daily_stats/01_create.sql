-- experiment_daily_stats: the hourly stats rolled up per day (users: the sum of hourly distinct users).
-- Rebuilt by chplan run --day, up to a week of days per unit by default (staging, then REPLACE
-- PARTITION of each day), always from the latest state per key, so updates, deletes and
-- redelivered messages are counted exactly once.
-- Created empty with the structure of its SELECT.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiment_daily_stats`
ON CLUSTER `experiments` ENGINE = ReplicatedSummingMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY
    toYYYYMMDD(`day`)
ORDER BY
    (`experiment_id`, `variant_id`, `day`) EMPTY AS
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
            `experiments_analytics`.`experiment_hourly_stats_all`
        GROUP BY
            day,
            experiment_id,
            variant_id
    )
COMMENT 'chplan definition 39147dd756a54ee6'
