-- The flat, pre-aggregated target: one row per minute and group key (the ORDER BY below).
-- Every metric column's COMMENT names the map key it holds.
CREATE TABLE IF NOT EXISTS `default`.`flat`
ON CLUSTER `prod_cluster` (
    `timestampMs` DateTime64(3),
    `clientId` String,
    `sessionId` UInt256,
    `customerId` Int32,
    `platform` LowCardinality(String),
    `int1` Int32 DEFAULT 0 COMMENT '',
    `int2` Int32 DEFAULT 0 COMMENT 'it\'s',
    `int3` Int32 DEFAULT 0 COMMENT 'new\nline `tick` \\',
    `float1` Float32 DEFAULT 0 COMMENT '😀',
    `int4` Int32 DEFAULT 0 COMMENT 'free: reserved for a future key'
) ENGINE = ReplicatedMergeTree ('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY
    toYYYYMMDD(`timestampMs`, 'UTC')
ORDER BY
    (`clientId`, `sessionId`, `timestampMs`)
SETTINGS
    ratio_of_defaults_for_sparse_serialization = 0.9
