-- Validation of dim_campaign per month of updated_at: row count and one total per column
-- (sums of numbers, microseconds of timestamps, days of dates, characters of text, non-NULL
-- counts), each as text; validate_postgres computes the same on the source.
SELECT
    toString(toYYYYMM(`updated_at`)) AS m,
    toString(count()) AS n,
    toString(sum(toInt128(`id`))) AS `c0`,
    toString(sum(toInt128(`advertiser_id`))) AS `c1`,
    toString(sum(lengthUTF8(`name`))) AS `c2`,
    toString(sum(`bid`)) AS `c3`,
    toString(sum(`budget`)) AS `c4`,
    toString(sum(toInt64(toInt32(`start_date`)))) AS `c5`,
    toString(sum(toInt64(toInt32(`end_date`)))) AS `c6`,
    toString(count(`end_date`)) AS `c6n`,
    toString(sum(toInt128(toUnixTimestamp64Micro(`created_at`)))) AS `c7`,
    toString(sum(toInt128(toUnixTimestamp64Micro(`updated_at`)))) AS `c8`
FROM
    `analytics`.`dim_campaign` FINAL
GROUP BY
    m
ORDER BY
    m
