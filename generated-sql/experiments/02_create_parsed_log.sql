-- One row per message parsed into a processed table (key, version, op): what validation
-- counts against the landing table and recomputes the latest state per key from.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_parsed_log` (
    `source_table` LowCardinality(String),
    `key` String,
    `version` UInt64,
    `op` LowCardinality(String),
    `received_at` DateTime64(3, 'UTC')
) ENGINE = MergeTree
PARTITION BY
    toYYYYMM(received_at)
ORDER BY
    (source_table, key, version)
