-- Keys PostgreSQL holds that fact_impressions lacks (rows not loaded yet, or lost).
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'impressions')
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            `analytics`.`fact_impressions`
    )
