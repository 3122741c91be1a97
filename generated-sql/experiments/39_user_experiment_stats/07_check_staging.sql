-- What staging holds for a day, checked before it is published.
SELECT
    count() AS rows,
    uniqExact(_part) AS parts
FROM
    `experiments_analytics`.`user_experiment_stats__staging`
WHERE
    _partition_id = {partition_id:String}
