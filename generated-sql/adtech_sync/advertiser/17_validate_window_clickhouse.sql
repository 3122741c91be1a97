-- Validation of dim_advertiser per month of updated_at: row count and one total per column
-- (sums of numbers, microseconds of timestamps, days of dates, characters of text, non-NULL
-- counts), each as text; validate_postgres computes the same on the source.
-- Only rows whose updated_at is in the run's window (lo, hi], in their latest version, as one
-- total (no row when the window is empty).
SELECT
    'window' AS m,
    toString(count()) AS n,
    toString(sum(toInt128(src.`id`))) AS `c0`,
    toString(sum(lengthUTF8(src.`name`))) AS `c1`,
    toString(sum(toInt128(toUnixTimestamp64Micro(src.`created_at`)))) AS `c2`,
    toString(sum(toInt128(toUnixTimestamp64Micro(src.`updated_at`)))) AS `c3`
FROM
    `analytics`.`dim_advertiser` AS src FINAL
WHERE
    src.`updated_at` > {lo:DateTime64(6, 'UTC')}
    AND src.`updated_at` <= {hi:DateTime64(6, 'UTC')}
HAVING
    count() > 0
