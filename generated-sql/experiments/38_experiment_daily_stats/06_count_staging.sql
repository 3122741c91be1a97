-- Rows staging holds for the days in [chunk_start, chunk_end).
SELECT
    count() AS rows
FROM
    `experiments_analytics`.`experiment_daily_stats__staging`
WHERE
    `day` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `day` < {chunk_end:DateTime64(3, 'UTC')}
