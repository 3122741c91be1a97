-- Messages that could not be used, with the reason: nothing is dropped silently. `stage` is
-- kafka (the Kafka table could not read it) or parse (the chain could not use it).
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_cluster_dead_letter`
ON CLUSTER `experiments` (
    `received_at` DateTime64(3, 'UTC'),
    `stage` LowCardinality(String),
    `reason` String,
    `line` String,
    `topic` LowCardinality(String),
    `offset` Int64
) ENGINE = ReplicatedMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY
    toYYYYMM(received_at)
ORDER BY
    (stage, received_at)
COMMENT 'chplan definition 5690015d6a51f647'
