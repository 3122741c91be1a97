-- Validation: the day of experiment_hourly_stats as published.
SELECT
    *
FROM
    `experiments_analytics`.`experiment_hourly_stats`
WHERE
    `hour` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `hour` < {chunk_end:DateTime64(3, 'UTC')}
ORDER BY
    `experiment_id`,
    `variant_id`,
    `hour`
