-- events messages with their row read once into typed values (NULL where a value is
-- missing or does not convert exactly) and why the row cannot be used ('' when it can).
-- ENGINE = Null: the views on it write the processed table, the parsed log and the dead letter.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`events_processed_typed`
ON CLUSTER `experiments` (
    `line` String,
    `topic` LowCardinality(String),
    `offset` Int64,
    `received_at` DateTime64(3, 'UTC'),
    `_op` LowCardinality(String),
    `_version` UInt64,
    `_c_id` Nullable(UInt64),
    `_c_user_id` Nullable(String),
    `_c_experiment_id` Nullable(UInt32),
    `_c_variant_id` Nullable(UInt32),
    `_c_event_type` Nullable(String),
    `_c_event_time` Nullable(DateTime64(6, 'UTC')),
    `_c_page` Nullable(String),
    `_c_device` Nullable(String),
    `_c_value` Nullable(Float64),
    `_c_score` Nullable(Int32),
    `_c_revenue` Nullable(Decimal(10, 2)),
    `_reason` String
) ENGINE = Null
COMMENT 'chplan definition 88875e0a2d48d8de'
