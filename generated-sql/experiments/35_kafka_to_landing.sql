-- Kafka → landing: every message read, with where it came from.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`experiments_kafka_mv`
TO `experiments_analytics`.`experiments_landing` AS
SELECT
    line,
    _key AS key,
    _topic AS topic,
    toInt32(_partition) AS partition,
    toInt64(_offset) AS offset,
    now64(3) AS received_at
FROM
    `experiments_analytics`.`experiments_kafka`
WHERE
    length(_error) = 0
COMMENT 'chplan definition 1f9fa8cc779c96a2'
