-- The same totals as validate_clickhouse, computed by PostgreSQL itself on impressions.
-- The query PostgreSQL runs (the window's bounds are written into it as text):
--     SELECT 'window' AS m, count(*)::text AS n,
--            sum("id")::text AS c0,
--            sum("campaign_id")::text AS c1,
--            sum(round(extract(epoch from "event_time") * 1000000))::text AS c2,
--            sum("cost")::text AS c3,
--            sum(round(extract(epoch from "inserted_at") * 1000000))::text AS c4
--     FROM "public"."impressions"
--     WHERE ("inserted_at" > '<lo>+00' AND "inserted_at" <= '<hi>+00') AND (((hashtextextended(row("id")::text, 0) % 3) + 3) % 3 = <shard>)
--     HAVING count(*) > 0
SELECT
    m,
    n,
    `c0`,
    `c1`,
    `c2`,
    `c3`,
    `c4`
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = concat(
            'SELECT \'window\' AS m, count(*)::text AS n,\n       sum("id")::text AS c0,\n       sum("campaign_id")::text AS c1,\n       sum(round(extract(epoch from "event_time") * 1000000))::text AS c2,\n       sum("cost")::text AS c3,\n       sum(round(extract(epoch from "inserted_at") * 1000000))::text AS c4\nFROM "public"."impressions"\nWHERE ("inserted_at" > \'',
            toString({lo:DateTime64(6, 'UTC')}),
            '+00\' AND "inserted_at" <= \'',
            toString({hi:DateTime64(6, 'UTC')}),
            '+00\') AND (((hashtextextended(row("id")::text, 0) % 3) + 3) % 3 = ',
            toString({shard:UInt32}),
            ')\nHAVING count(*) > 0'
        )
    )
