-- Keys PostgreSQL holds that fact_clicks lacks (rows not loaded yet, or lost).
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = concat(
            'SELECT "id" FROM "public"."clicks" WHERE ((hashtextextended(row("id")::text, 0) % 3) + 3) % 3 = ',
            toString({shard:UInt32}),
            ''
        )
    )
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            `analytics`.`fact_clicks`
    )
