-- One row per message parsed into a processed table (its key as a 64-bit hash, version, op):
-- what validation counts against the landing table and recomputes the latest state per key from.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_cluster_parsed_log`
ON CLUSTER `experiments` (
    `source_table` LowCardinality(String),
    `key` UInt64,
    `version` UInt64,
    `op` LowCardinality(String),
    `received_at` DateTime64(3, 'UTC')
) ENGINE = ReplicatedMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY
    toYYYYMM(received_at)
ORDER BY
    (source_table, key, version)
COMMENT 'chplan definition e21adbb91e45b8a4'
