-- Staging for impressions: the plan's columns, engine and order, like fact_impressions. A load
-- lands here first; a full refresh fills it completely and swaps it with the target. It is made
-- anew before every load (impressions/04_drop_staging.sql first), so it always has this plan's structure.
-- On the cluster: a table of the replica this run talks to, not replicated; a publish moves its rows
-- into the replicated target there.
CREATE TABLE IF NOT EXISTS `analytics`.`fact_impressions__staging` (
    `id` Int64,
    `campaign_id` Int64,
    `event_time` DateTime64(6, 'UTC'),
    `cost` Decimal(12, 6),
    `inserted_at` DateTime64(6, 'UTC'),
    INDEX `chplan_cursor` `inserted_at`
    TYPE
        minmax
    GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY
    toYYYYMM(`event_time`)
ORDER BY
    (`campaign_id`, `event_time`, `id`)
