-- A truncate of a source table (Debezium op 't'): the table's rows of older versions are no longer
-- its state; rows of later versions are. Every read of a processed table's latest state leaves out
-- what the last truncate of its source emptied.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_cluster_truncations`
ON CLUSTER `experiments` (
    `source_table` LowCardinality(String),
    `version` UInt64,
    `received_at` DateTime64(3, 'UTC'),
    `line` String
) ENGINE = ReplicatedMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY
    (source_table, version)
COMMENT 'chplan definition 0ec5c45a54af7f84'
