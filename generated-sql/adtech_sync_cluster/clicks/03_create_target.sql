-- clicks (PostgreSQL) → fact_clicks: a fact. Rows are immutable once committed;
-- each is inserted exactly once (see clicks/11_merge.sql), so plain sums over it are exact.
-- Partitioned by the month of event_time; the minmax index on inserted_at lets the
-- exactly-once check read only the recent part of the table.
-- On cluster adtech: split across the shards by a hash of the key (each shard holds
-- and loads only its rows); replicated within each shard.
CREATE TABLE IF NOT EXISTS `analytics`.`fact_clicks`
ON CLUSTER `adtech` (
    `id` Int64,
    `campaign_id` Int64,
    `impression_id` Nullable(Int64),
    `event_time` DateTime64(6, 'UTC'),
    `inserted_at` DateTime64(6, 'UTC'),
    INDEX `chplan_cursor` `inserted_at`
    TYPE
        minmax
    GRANULARITY 1
) ENGINE = ReplicatedMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY
    toYYYYMM(`event_time`)
ORDER BY
    (`campaign_id`, `event_time`, `id`)
