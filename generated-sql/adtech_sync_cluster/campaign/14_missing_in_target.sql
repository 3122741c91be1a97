-- Keys PostgreSQL holds that dim_campaign lacks (rows not loaded yet, or lost).
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'campaign')
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            `analytics`.`dim_campaign` FINAL
    )
