-- Classified → truncations: each usable truncate of a source table, with its version.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`experiments_truncations_mv`
TO `experiments_analytics`.`experiments_truncations` AS
SELECT
    _table AS source_table,
    assumeNotNull(_version) AS version,
    received_at,
    line
FROM
    `experiments_analytics`.`experiments_classified`
WHERE
    _reason = ''
    AND _op = 't'
COMMENT 'chplan definition ba72431b75b2cf27'
