-- Rows of campaign in a load window (lo, hi] (the dry run's estimate).
SELECT
    count() AS rows
FROM
    postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'campaign')
WHERE
    `updated_at` > {lo:DateTime64(6, 'UTC')}
    AND `updated_at` <= {hi:DateTime64(6, 'UTC')}
