-- advertiser (PostgreSQL) → dim_advertiser: a dimension. A load inserts every row changed
-- in its window; ReplacingMergeTree keeps the row of the latest load (`_version`, one more with each
-- publish), so a row read twice is never counted twice, and the state PostgreSQL has now wins even
-- when an application stamped it earlier than the state loaded before. Read it with FINAL.
-- `_deleted` = 1 is a tombstone written by chplan sync --reconcile for a row deleted in
-- PostgreSQL; FINAL leaves such rows out.
-- On cluster adtech: loaded whole on every shard, so a query on any shard joins it locally;
-- replicated within each shard.
CREATE TABLE IF NOT EXISTS `analytics`.`dim_advertiser`
ON CLUSTER `adtech` (
    `id` Int64,
    `name` String,
    `created_at` DateTime64(6, 'UTC'),
    `updated_at` DateTime64(6, 'UTC'),
    `_deleted` UInt8 DEFAULT 0,
    `_version` UInt64 DEFAULT 0
) ENGINE = ReplicatedReplacingMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', `_version`, `_deleted`)
ORDER BY
    (`id`)
