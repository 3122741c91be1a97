-- events_processed: the latest state of each events row, by key. Every message is a version
-- (`_version` = source.lsn); ReplacingMergeTree keeps the greatest, so a message delivered twice
-- is one version, and a delete (`_deleted` = 1) hides the row from FINAL. Not partitioned: a row
-- whose time changes must still meet its older versions. Read it with FINAL.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`events_processed` (
    `id` UInt64,
    `user_id` String,
    `experiment_id` UInt32,
    `variant_id` UInt32,
    `event_type` LowCardinality(String),
    `event_time` DateTime64(6, 'UTC'),
    `page` String,
    `device` String,
    `value` Float64,
    `score` Int32,
    `revenue` Decimal(10, 2),
    `is_conversion` Bool,
    `is_exposure` Bool,
    `_version` UInt64,
    `_deleted` UInt8,
    `_op` LowCardinality(String),
    `_received_at` DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(`_version`, `_deleted`)
ORDER BY
    (`id`)
COMMENT 'chplan definition 0c31d8d437bec0a4'
