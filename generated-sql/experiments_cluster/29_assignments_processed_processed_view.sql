-- assignments_processed_typed → assignments_processed: each usable message becomes a version of its key. A delete
-- takes its key from `before`; its other columns are whatever `before` holds (defaults if absent).
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`assignments_processed_mv`
ON CLUSTER `experiments`
TO `experiments_analytics`.`assignments_processed` AS
SELECT
    CAST(assumeNotNull(`_c_id`), 'UInt64') AS `id`,
    CAST(ifNull(`_c_experiment_id`, defaultValueOfTypeName('UInt32')), 'UInt32') AS `experiment_id`,
    CAST(ifNull(`_c_variant_id`, defaultValueOfTypeName('UInt32')), 'UInt32') AS `variant_id`,
    CAST(ifNull(`_c_user_id`, defaultValueOfTypeName('String')), 'String') AS `user_id`,
    CAST(
        ifNull(`_c_assigned_at`, defaultValueOfTypeName('DateTime64(6, \'UTC\')')),
        'DateTime64(6, \'UTC\')'
    ) AS `assigned_at`,
    _version AS `_version`,
    toUInt8(_op = 'd') AS `_deleted`,
    _op AS `_op`,
    received_at AS `_received_at`
FROM
    `experiments_analytics`.`assignments_processed_typed`
WHERE
    _reason = ''
COMMENT 'chplan definition b8754275e430bf24'
