-- Validation: the day of user_experiment_stats as published.
SELECT
    *
FROM
    `experiments_analytics`.`user_experiment_stats`
WHERE
    `day` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `day` < {chunk_end:DateTime64(3, 'UTC')}
ORDER BY
    `experiment_id`,
    `user_id`,
    `day`
