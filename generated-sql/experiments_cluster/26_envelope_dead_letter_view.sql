-- Classified → dead letter: messages whose envelope is unusable (tombstone, malformed JSON,
-- unknown op or table, no version, no row), with the reason.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`experiments_cluster_envelope_dead_letter_mv`
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
    `experiments_analytics`.`experiments_cluster_classified`
WHERE
    _reason != ''
COMMENT 'chplan definition cffb876ec5e0f743'
