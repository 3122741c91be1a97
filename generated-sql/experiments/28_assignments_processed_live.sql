-- assignments_processed's latest state: the table read FINAL, without deleted keys and without rows older than
-- the last truncate of assignments. The table itself keeps every version and, after a truncate, its
-- older rows: query this view, not the table.
CREATE VIEW IF NOT EXISTS `experiments_analytics`.`assignments_processed_live` AS
SELECT
    * EXCEPT (`_deleted`)
FROM
    `experiments_analytics`.`assignments_processed` FINAL
WHERE
    `_deleted` = 0
    AND `_version` > (
        SELECT
            max(version)
        FROM
            `experiments_analytics`.`experiments_truncations`
        WHERE
            source_table = 'assignments'
    )
COMMENT 'chplan definition bf63483ec668bc57'
