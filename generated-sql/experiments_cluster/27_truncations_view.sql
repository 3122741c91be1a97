-- Classified → truncations: each usable truncate of a source table, with its version.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`experiments_cluster_truncations_mv`
ON CLUSTER `experiments`
TO `experiments_analytics`.`experiments_cluster_truncations` AS
SELECT
    _table AS source_table,
    assumeNotNull(_version) AS version,
    received_at,
    line
FROM
    `experiments_analytics`.`experiments_cluster_classified`
WHERE
    _reason = ''
    AND _op = 't'
COMMENT 'chplan definition 0a1711bc9bd1d6be'
