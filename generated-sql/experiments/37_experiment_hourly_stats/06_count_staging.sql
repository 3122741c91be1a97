-- Rows staging holds for the days in [chunk_start, chunk_end).
SELECT
    count() AS rows
FROM
    `experiments_analytics`.`experiment_hourly_stats__staging`
WHERE
    `hour` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `hour` < {chunk_end:DateTime64(3, 'UTC')}
