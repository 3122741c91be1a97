-- What staging holds for a day, checked before it replaces the target's partition:
-- an empty or short staging partition would silently wipe data.
SELECT
    count() AS rows,
    uniqExact(_part) AS parts
FROM
    `default`.`flat__chplan_staging`
WHERE
    _partition_id = {partition_id:String}
