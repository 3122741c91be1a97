-- Validation: every landed message is parsed, a truncate, a tombstone (skipped) or dead-lettered,
-- exactly once.
SELECT
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`experiments_landing`
    ) AS landed,
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`experiments_parsed_log`
    ) AS parsed,
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`experiments_truncations`
    ) AS truncates,
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`experiments_landing`
        WHERE
            line = ''
            OR line = 'null'
    ) AS tombstones,
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`experiments_dead_letter`
        WHERE
            stage = 'parse'
    ) AS dead_lettered,
    (
        SELECT
            count()
        FROM
            `experiments_analytics`.`experiments_dead_letter`
        WHERE
            stage = 'kafka'
    ) AS kafka_errors
