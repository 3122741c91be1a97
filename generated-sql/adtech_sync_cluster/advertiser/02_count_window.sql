-- Rows of advertiser in a load window (lo, hi] (the dry run's estimate).
SELECT
    count() AS rows
FROM
    postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'advertiser')
WHERE
    `updated_at` > {lo:DateTime64(6, 'UTC')}
    AND `updated_at` <= {hi:DateTime64(6, 'UTC')}
