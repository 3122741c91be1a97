-- Kafka → dead letter: messages the Kafka table could not read, with its error.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`experiments_kafka_errors_mv`
TO `experiments_analytics`.`experiments_dead_letter` AS
SELECT
    now64(3) AS received_at,
    'kafka' AS stage,
    _error AS reason,
    _raw_message AS line,
    _topic AS topic,
    toInt64(_offset) AS offset
FROM
    `experiments_analytics`.`experiments_kafka`
WHERE
    length(_error) > 0
COMMENT 'chplan definition 9162e0831ed3324f'
