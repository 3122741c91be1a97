-- What staging holds for a partition, checked before it is published: an empty or short
-- staging partition would silently wipe or lose data.
SELECT
    count() AS rows,
    uniqExact(_part) AS parts
FROM
    `default`.`events_full__chplan_staging`
WHERE
    _partition_id = {partition_id:String}
