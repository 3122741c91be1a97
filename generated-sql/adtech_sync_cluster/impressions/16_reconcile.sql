-- chplan sync --reconcile: remove fact rows deleted in PostgreSQL (a lightweight DELETE: the rows
-- vanish from every query at once, and from disk at the next merge).
DELETE FROM `analytics`.`fact_impressions`
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            postgresql(
                {pg_collection:Identifier},
                password = {pg_password:String},
                query = concat(
                    'SELECT "id" FROM "public"."impressions" WHERE ((hashtextextended(row("id")::text, 0) % 3) + 3) % 3 = ',
                    toString({shard:UInt32}),
                    ''
                )
            )
    )
