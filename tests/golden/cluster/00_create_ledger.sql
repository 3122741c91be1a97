-- The ledger: one row per chunk attempt and per publish, append-only.
-- chplan reads the latest row per (plan, window) to resume and to report status. A publish's
-- source_version names the source data it was built from, where the kind can tell (stream: the
-- landing table's messages), so a resumed run rebuilds a unit whose source has changed since.
CREATE TABLE IF NOT EXISTS `default`.`chplan_ledger`
ON CLUSTER `prod_cluster` (
    `plan_hash` String,
    `target` String,
    `day` Date,
    `window_start` DateTime64(3, 'UTC'),
    `window_end` DateTime64(3, 'UTC'),
    `chunk_key` String DEFAULT '',
    `step` LowCardinality(String),
    `status` LowCardinality(String),
    `attempt` UInt32,
    `query_id` String,
    `rows_read` UInt64,
    `rows_written` UInt64,
    `runner` String,
    `started_at` DateTime64(3, 'UTC'),
    `finished_at` DateTime64(3, 'UTC'),
    `error` String,
    `source_version` String DEFAULT ''
) ENGINE = ReplicatedMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY
    (target, plan_hash, day, window_start, started_at)
