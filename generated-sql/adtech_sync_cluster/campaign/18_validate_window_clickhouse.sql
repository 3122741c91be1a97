-- Validation of dim_campaign per month of updated_at: row count and one total per column
-- (sums of numbers, microseconds of timestamps, days of dates, characters of text, non-NULL
-- counts), each as text; validate_postgres computes the same on the source.
-- Only rows whose updated_at is in the run's window (lo, hi], in their latest version, as one
-- total (no row when the window is empty).
SELECT
    'window' AS m,
    toString(count()) AS n,
    toString(sum(toInt128(src.`id`))) AS `c0`,
    toString(sum(toInt128(src.`advertiser_id`))) AS `c1`,
    toString(sum(lengthUTF8(src.`name`))) AS `c2`,
    toString(sum(src.`bid`)) AS `c3`,
    toString(sum(src.`budget`)) AS `c4`,
    toString(sum(toInt64(toInt32(src.`start_date`)))) AS `c5`,
    toString(sum(toInt64(toInt32(src.`end_date`)))) AS `c6`,
    toString(count(src.`end_date`)) AS `c6n`,
    toString(sum(toInt128(toUnixTimestamp64Micro(src.`created_at`)))) AS `c7`,
    toString(sum(toInt128(toUnixTimestamp64Micro(src.`updated_at`)))) AS `c8`
FROM
    `analytics`.`dim_campaign` AS src FINAL
WHERE
    src.`updated_at` > {lo:DateTime64(6, 'UTC')}
    AND src.`updated_at` <= {hi:DateTime64(6, 'UTC')}
HAVING
    count() > 0
