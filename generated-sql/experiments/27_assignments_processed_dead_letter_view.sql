-- assignments_processed_typed → dead letter: rows with a missing field or a value that does not convert.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`assignments_processed_dead_letter_mv`
TO `experiments_analytics`.`experiments_dead_letter` AS
SELECT
    received_at,
    'parse' AS stage,
    _reason AS reason,
    line,
    topic,
    offset
FROM
    `experiments_analytics`.`assignments_processed_typed`
WHERE
    _reason != ''
COMMENT 'chplan definition f1024893516c0754'
