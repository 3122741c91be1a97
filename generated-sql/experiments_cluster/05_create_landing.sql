-- The landing table: every Debezium message as the Kafka table yields it (LineAsString), one
-- row per message, whatever its content. The Kafka table's view writes here; so do replays
-- (chplan replay) and tests, so the parsing chain runs the same with or without a broker. `key` is
-- the Kafka message key (Debezium's: the row's primary key), which a delete without `before` is
-- read from.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_cluster_landing`
ON CLUSTER `experiments` (
    `line` String,
    `key` String DEFAULT '',
    `topic` LowCardinality(String) DEFAULT '',
    `partition` Int32 DEFAULT -1,
    `offset` Int64 DEFAULT -1,
    `received_at` DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplicatedMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY
    toYYYYMM(received_at)
ORDER BY
    received_at
COMMENT 'chplan definition 9ddb32223cdfba8f'
