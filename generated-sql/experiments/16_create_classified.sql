-- Every landed message with its envelope read once: op, source table, version, the raw row,
-- and why it cannot be used ('' when it can); from the message's schema, each field's
-- logical type name and scale. ENGINE = Null: it stores nothing; the views on
-- it route each message on.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_classified` (
    `line` String,
    `topic` LowCardinality(String),
    `offset` Int64,
    `received_at` DateTime64(3, 'UTC'),
    `_op` LowCardinality(String),
    `_table` LowCardinality(String),
    `_version` Nullable(UInt64),
    `_row` String,
    `_schema` Map(String, Tuple(String, String)),
    `_reason` String
) ENGINE = Null
COMMENT 'chplan definition 9c8b2322ecbd64fd'
