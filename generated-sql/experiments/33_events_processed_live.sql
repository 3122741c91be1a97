-- events_processed's latest state: the table read FINAL, without deleted keys and without rows older than
-- the last truncate of events. The table itself keeps every version and, after a truncate, its
-- older rows: query this view, not the table.
CREATE VIEW IF NOT EXISTS `experiments_analytics`.`events_processed_live` AS
SELECT
    * EXCEPT (`_deleted`)
FROM
    `experiments_analytics`.`events_processed` FINAL
WHERE
    `_deleted` = 0
    AND `_version` > (
        SELECT
            max(version)
        FROM
            `experiments_analytics`.`experiments_truncations`
        WHERE
            source_table = 'events'
    )
COMMENT 'chplan definition e4a518ae36caee1c'
