-- Validation of assignments_processed: its rows (FINAL) against the latest version of each key in the
-- parsed log, computed independently of the processed table; and deletes of keys never seen.
SELECT
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`assignments_processed` FINAL
        WHERE
            `_deleted` = 0
    ) AS processed,
    (
        SELECT
            countIf (op != 'd')
        FROM
            (
                SELECT
                    key,
                    argMax(op, version) AS op
                FROM
                    `experiments_analytics`.`experiments_parsed_log`
                WHERE
                    source_table = 'assignments'
                GROUP BY
                    key
            )
    ) AS latest,
    (
        SELECT
            count()
        FROM
            (
                SELECT
                    key,
                    countIf (op != 'd') AS live
                FROM
                    `experiments_analytics`.`experiments_parsed_log`
                WHERE
                    source_table = 'assignments'
                GROUP BY
                    key
            )
        WHERE
            live = 0
    ) AS deletes_of_unseen_keys
