-- Keys PostgreSQL holds that fact_impressions lacks (rows not loaded yet, or lost), among the rows
-- whose inserted_at is in the run's window (lo, hi] (the WHERE is sent to PostgreSQL). A loaded row holds the
-- same inserted_at in ClickHouse, so only ClickHouse's rows past lo are looked at.
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = concat(
            'SELECT "id" FROM "public"."impressions" WHERE ("inserted_at" > \'',
            toString({lo:DateTime64(6, 'UTC')}),
            '+00\' AND "inserted_at" <= \'',
            toString({hi:DateTime64(6, 'UTC')}),
            '+00\') AND (((hashtextextended(row("id")::text, 0) % 3) + 3) % 3 = ',
            toString({shard:UInt32}),
            ')'
        )
    )
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            `analytics`.`fact_impressions`
        WHERE
            `inserted_at` > {lo:DateTime64(6, 'UTC')}
    )
