-- Keys dim_advertiser holds that PostgreSQL no longer has: rows deleted in the source.
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    `analytics`.`dim_advertiser` FINAL
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'advertiser')
    )
