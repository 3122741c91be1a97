-- events_processed_typed → dead letter: rows with a missing field or a value that does not convert.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`events_processed_dead_letter_mv`
ON CLUSTER `experiments`
TO `experiments_analytics`.`experiments_cluster_dead_letter` AS
SELECT
    received_at,
    'parse' AS stage,
    _reason AS reason,
    line,
    topic,
    offset
FROM
    `experiments_analytics`.`events_processed_typed`
WHERE
    _reason != ''
COMMENT 'chplan definition 382ae90b59fea7df'
