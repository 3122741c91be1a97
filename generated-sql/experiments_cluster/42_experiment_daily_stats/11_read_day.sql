-- Validation: the day of experiment_daily_stats as published.
SELECT
    *
FROM
    `experiments_analytics`.`experiment_daily_stats`
WHERE
    `day` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `day` < {chunk_end:DateTime64(3, 'UTC')}
ORDER BY
    `experiment_id`,
    `variant_id`,
    `day`
