-- Validation of fact_clicks per month of event_time: row count and one total per column
-- (sums of numbers, microseconds of timestamps, days of dates, characters of text, non-NULL
-- counts), each as text; validate_postgres computes the same on the source.
-- Only rows whose inserted_at is in the run's window (lo, hi], as one
-- total (no row when the window is empty).
SELECT
    'window' AS m,
    toString(count()) AS n,
    toString(sum(toInt128(src.`id`))) AS `c0`,
    toString(sum(toInt128(src.`campaign_id`))) AS `c1`,
    toString(sum(toInt128(src.`impression_id`))) AS `c2`,
    toString(count(src.`impression_id`)) AS `c2n`,
    toString(sum(toInt128(toUnixTimestamp64Micro(src.`event_time`)))) AS `c3`,
    toString(sum(toInt128(toUnixTimestamp64Micro(src.`inserted_at`)))) AS `c4`
FROM
    `analytics`.`fact_clicks` AS src
WHERE
    src.`inserted_at` > {lo:DateTime64(6, 'UTC')}
    AND src.`inserted_at` <= {hi:DateTime64(6, 'UTC')}
HAVING
    count() > 0
