-- Keys PostgreSQL holds that dim_advertiser lacks (rows not loaded yet, or lost).
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'advertiser')
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            `analytics`.`dim_advertiser` FINAL
    )
