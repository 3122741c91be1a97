-- The ledger: one row per chunk attempt, per publish and per lease event, append-only.
-- chplan reads the latest row per (plan, unit, window) to resume and to report status. A unit is
-- what a run publishes at once (a day, a partition, a table, an aggregate's day); a publish's
-- cursor is where the unit's next run starts (a sync table's watermark), and its source_version
-- names the source data it was built from (stream: the landing table's messages), so a resumed
-- run rebuilds a unit whose source has changed since. A lease's heartbeats are kept for 7 days.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`chplan_ledger`
ON CLUSTER `experiments` (
    `plan_hash` String,
    `target` String,
    `unit` String DEFAULT '',
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
    `note` String DEFAULT '',
    `cursor` String DEFAULT '',
    `source_version` String DEFAULT ''
) ENGINE = ReplicatedMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY
    (target, plan_hash, day, window_start, started_at) TTL toDateTime(finished_at) + INTERVAL 7 DAY
DELETE WHERE step = 'lease'
AND status = 'held'
