-- Kafka → landing: every message read, with where it came from.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`experiments_cluster_kafka_mv`
ON CLUSTER `experiments`
TO `experiments_analytics`.`experiments_cluster_landing_route` AS
SELECT
    line,
    _key AS key,
    _topic AS topic,
    toInt32(_partition) AS partition,
    toInt64(_offset) AS offset,
    now64(3) AS received_at
FROM
    `experiments_analytics`.`experiments_cluster_kafka`
WHERE
    length(_error) = 0
COMMENT 'chplan definition 5c4308399f66b93e'
