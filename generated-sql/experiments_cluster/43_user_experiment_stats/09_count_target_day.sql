-- Rows user_experiment_stats holds for the days in [chunk_start, chunk_end).
SELECT
    count() AS rows
FROM
    `experiments_analytics`.`user_experiment_stats`
WHERE
    `day` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `day` < {chunk_end:DateTime64(3, 'UTC')}
