-- Rows of impressions in a load window (lo, hi] or written since the previous load's snapshot (the dry run's estimate).
SELECT
    count() AS rows
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = concat(
            'SELECT 1 AS one FROM "public"."impressions" WHERE ("inserted_at" > \'',
            toString({lo:DateTime64(6, 'UTC')}),
            '+00\' AND "inserted_at" <= \'',
            toString({hi:DateTime64(6, 'UTC')}),
            '+00\') AND (((hashtextextended(row("id")::text, 0) % 3) + 3) % 3 = ',
            toString({shard:UInt32}),
            ')'
        )
    )
