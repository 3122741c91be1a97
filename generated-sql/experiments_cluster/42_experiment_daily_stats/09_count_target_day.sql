-- Rows experiment_daily_stats holds for the days in [chunk_start, chunk_end).
SELECT
    count() AS rows
FROM
    `experiments_analytics`.`experiment_daily_stats`
WHERE
    `day` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `day` < {chunk_end:DateTime64(3, 'UTC')}
