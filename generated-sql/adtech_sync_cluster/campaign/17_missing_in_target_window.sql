-- Keys PostgreSQL holds that dim_campaign lacks (rows not loaded yet, or lost), among the rows
-- whose updated_at is in the run's window (lo, hi] (the WHERE is sent to PostgreSQL). A loaded row holds the
-- same updated_at in ClickHouse, so only ClickHouse's rows past lo are looked at.
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'campaign')
WHERE
    `updated_at` > {lo:DateTime64(6, 'UTC')}
    AND `updated_at` <= {hi:DateTime64(6, 'UTC')}
    AND (`id`) NOT IN (
        SELECT
            `id`
        FROM
            `analytics`.`dim_campaign` FINAL
        WHERE
            `updated_at` > {lo:DateTime64(6, 'UTC')}
    )
