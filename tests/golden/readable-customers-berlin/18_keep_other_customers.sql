-- This plan covers customers 3, 1 only. Before the day is published, copy
-- every other customer's rows of that day from the target into staging, so the
-- partition replace leaves them exactly as they were.
INSERT INTO
    `default`.`flat__chplan_staging`
SELECT
    *
FROM
    `default`.`flat`
WHERE
    _partition_id = {partition_id:String}
    AND `customerId` NOT IN (3, 1)
