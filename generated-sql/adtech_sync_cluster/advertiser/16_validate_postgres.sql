-- The same totals as validate_clickhouse, computed by PostgreSQL itself on advertiser.
-- The query PostgreSQL runs:
--     SELECT to_char("updated_at", 'YYYYMM') AS m, count(*)::text AS n,
--            sum("id")::text AS c0,
--            sum(char_length("name"::text))::text AS c1,
--            sum(round(extract(epoch from "created_at") * 1000000))::text AS c2,
--            sum(round(extract(epoch from "updated_at") * 1000000))::text AS c3
--     FROM "public"."advertiser"
--     GROUP BY 1
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
        query = 'SELECT to_char("updated_at", \'YYYYMM\') AS m, count(*)::text AS n,\n       sum("id")::text AS c0,\n       sum(char_length("name"::text))::text AS c1,\n       sum(round(extract(epoch from "created_at") * 1000000))::text AS c2,\n       sum(round(extract(epoch from "updated_at") * 1000000))::text AS c3\nFROM "public"."advertiser"\nGROUP BY 1'
    )
