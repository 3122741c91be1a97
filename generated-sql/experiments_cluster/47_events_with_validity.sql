-- Reporting view events_with_validity.
CREATE OR REPLACE VIEW `experiments_analytics`.`events_with_validity`
ON CLUSTER `experiments` AS
SELECT
    e.*,
    a.assigned = 0
    OR e.event_time >= a.assigned_at AS is_valid
FROM
    (
        SELECT
            *
        FROM
            `experiments_analytics`.`events_processed_all` FINAL
        WHERE
            `_deleted` = 0
            AND `_version` > (
                SELECT
                    max(version)
                FROM
                    `experiments_analytics`.`experiments_cluster_truncations_all`
                WHERE
                    source_table = 'events'
            )
    ) AS e
    LEFT JOIN (
        SELECT
            user_id,
            experiment_id,
            min(assigned_at) AS assigned_at,
            1 AS assigned
        FROM
            (
                SELECT
                    *
                FROM
                    `experiments_analytics`.`assignments_processed_all` FINAL
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
            )
        GROUP BY
            user_id,
            experiment_id
    ) AS a ON a.user_id = e.user_id
    AND a.experiment_id = e.experiment_id
