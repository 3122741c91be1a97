-- events_processed_typed → parsed log: table, key, version and op of every usable message.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`events_processed_parsed_log_mv`
ON CLUSTER `experiments`
TO `experiments_analytics`.`experiments_cluster_parsed_log` AS
SELECT
    'events' AS source_table,
    sipHash64(assumeNotNull(`_c_id`)) AS key,
    _version AS version,
    _op AS op,
    received_at
FROM
    `experiments_analytics`.`events_processed_typed`
WHERE
    _reason = ''
COMMENT 'chplan definition 0893930ab8dd6888'
