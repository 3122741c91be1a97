-- events_processed_typed → events_processed: each usable message becomes a version of its key. A delete
-- takes its key from `before`; its other columns are whatever `before` holds (defaults if absent).
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`events_processed_mv`
ON CLUSTER `experiments`
TO `experiments_analytics`.`events_processed` AS
SELECT
    CAST(assumeNotNull(`_c_id`), 'UInt64') AS `id`,
    CAST(ifNull(`_c_user_id`, defaultValueOfTypeName('String')), 'String') AS `user_id`,
    CAST(ifNull(`_c_experiment_id`, defaultValueOfTypeName('UInt32')), 'UInt32') AS `experiment_id`,
    CAST(ifNull(`_c_variant_id`, defaultValueOfTypeName('UInt32')), 'UInt32') AS `variant_id`,
    CAST(ifNull(`_c_event_type`, defaultValueOfTypeName('LowCardinality(String)')), 'LowCardinality(String)') AS `event_type`,
    CAST(ifNull(`_c_event_time`, defaultValueOfTypeName('DateTime64(6, \'UTC\')')), 'DateTime64(6, \'UTC\')') AS `event_time`,
    CAST(ifNull(`_c_page`, defaultValueOfTypeName('String')), 'String') AS `page`,
    CAST(ifNull(`_c_device`, defaultValueOfTypeName('String')), 'String') AS `device`,
    CAST(ifNull(`_c_value`, defaultValueOfTypeName('Float64')), 'Float64') AS `value`,
    CAST(ifNull(`_c_score`, defaultValueOfTypeName('Int32')), 'Int32') AS `score`,
    CAST(ifNull(`_c_revenue`, defaultValueOfTypeName('Decimal(10, 2)')), 'Decimal(10, 2)') AS `revenue`,
    CAST(event_type = 'conversion', 'Bool') AS `is_conversion`,
    CAST(event_type = 'exposure', 'Bool') AS `is_exposure`,
    _version AS `_version`,
    toUInt8(_op = 'd') AS `_deleted`,
    _op AS `_op`,
    received_at AS `_received_at`
FROM
    `experiments_analytics`.`events_processed_typed`
WHERE
    _reason = ''
COMMENT 'chplan definition ed264e85550aec71'
