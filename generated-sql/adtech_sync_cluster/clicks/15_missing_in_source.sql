-- Keys fact_clicks holds that PostgreSQL no longer has: rows deleted in the source.
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    `analytics`.`fact_clicks`
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
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
    )
