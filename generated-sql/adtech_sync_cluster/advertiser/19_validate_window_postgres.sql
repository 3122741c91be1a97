-- The same totals as validate_clickhouse, computed by PostgreSQL itself on advertiser.
-- The query PostgreSQL runs (the window's bounds are written into it as text):
--     SELECT 'window' AS m, count(*)::text AS n,
--            sum("id")::text AS c0,
--            sum(char_length("name"::text))::text AS c1,
--            sum(round(extract(epoch from "created_at") * 1000000))::text AS c2,
--            sum(round(extract(epoch from "updated_at") * 1000000))::text AS c3
--     FROM "public"."advertiser"
--     WHERE "updated_at" > '<lo>+00' AND "updated_at" <= '<hi>+00'
--     HAVING count(*) > 0
SELECT
    m,
    n,
    `c0`,
    `c1`,
    `c2`,
    `c3`
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = concat(
            'SELECT \'window\' AS m, count(*)::text AS n,\n       sum("id")::text AS c0,\n       sum(char_length("name"::text))::text AS c1,\n       sum(round(extract(epoch from "created_at") * 1000000))::text AS c2,\n       sum(round(extract(epoch from "updated_at") * 1000000))::text AS c3\nFROM "public"."advertiser"\nWHERE "updated_at" > \'',
            toString({lo:DateTime64(6, 'UTC')}),
            '+00\' AND "updated_at" <= \'',
            toString({hi:DateTime64(6, 'UTC')}),
            '+00\'\nHAVING count(*) > 0'
        )
    )
