-- Validation of assignments_processed: its rows (FINAL) against the latest version of each key in the
-- parsed log newer than the last truncate, computed independently of the processed table; and
-- deletes of keys never seen; and rows holding Debezium's TOAST placeholder as a value.
SELECT
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`assignments_processed` FINAL
        WHERE
            `_deleted` = 0
            AND `_version` > (
                SELECT
                    max(version)
                FROM
                    `experiments_analytics`.`experiments_cluster_truncations_all`
                WHERE
                    source_table = 'assignments'
            )
    ) AS processed,
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`assignments_processed` FINAL
        WHERE
            `_deleted` = 0
            AND `_version` > (
                SELECT
                    max(version)
                FROM
                    `experiments_analytics`.`experiments_cluster_truncations_all`
                WHERE
                    source_table = 'assignments'
            )
            AND (
                `user_id` IN (
                    '__debezium_unavailable_value',
                    'X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==',
                    '{"__debezium_unavailable_value":"__debezium_unavailable_value"}'
                )
            )
    ) AS placeholders,
    (
        SELECT
            countIf (
                op != 'd'
                AND last_version > (
                    SELECT
                        max(version)
                    FROM
                        `experiments_analytics`.`experiments_cluster_truncations_all`
                    WHERE
                        source_table = 'assignments'
                )
            )
        FROM
            (
                SELECT
                    key,
                    argMax(op, version) AS op,
                    max(version) AS last_version
                FROM
                    `experiments_analytics`.`experiments_cluster_parsed_log`
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
                    `experiments_analytics`.`experiments_cluster_parsed_log`
                WHERE
                    source_table = 'assignments'
                GROUP BY
                    key
            )
        WHERE
            live = 0
    ) AS deletes_of_unseen_keys
