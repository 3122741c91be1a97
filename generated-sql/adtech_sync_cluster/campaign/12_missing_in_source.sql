-- Keys dim_campaign holds that PostgreSQL no longer has: rows deleted in the source.
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    `analytics`.`dim_campaign` FINAL
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'campaign')
    )
