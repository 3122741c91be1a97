-- Rows of impressions in a load window (lo, hi] (the dry run's estimate).
SELECT
    count() AS rows
FROM
    postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'impressions')
WHERE
    `inserted_at` > {lo:DateTime64(6, 'UTC')}
    AND `inserted_at` <= {hi:DateTime64(6, 'UTC')}
