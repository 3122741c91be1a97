-- Rows staging holds for a day.
SELECT
    count() AS rows
FROM
    `experiments_analytics`.`experiment_hourly_stats__staging`
WHERE
    `hour` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `hour` < {chunk_end:DateTime64(3, 'UTC')}
