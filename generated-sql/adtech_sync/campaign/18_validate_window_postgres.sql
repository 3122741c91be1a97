-- The same totals as validate_clickhouse, computed by PostgreSQL itself on campaign.
-- The query PostgreSQL runs (the window's bounds are written into it as text):
--     SELECT 'window' AS m, count(*)::text AS n,
--            sum("id")::text AS c0,
--            sum("advertiser_id")::text AS c1,
--            sum(char_length("name"::text))::text AS c2,
--            sum("bid")::text AS c3,
--            sum("budget")::text AS c4,
--            sum("start_date" - date '1970-01-01')::text AS c5,
--            sum("end_date" - date '1970-01-01')::text AS c6,
--            count("end_date")::text AS c6n,
--            sum(round(extract(epoch from "created_at") * 1000000))::text AS c7,
--            sum(round(extract(epoch from "updated_at") * 1000000))::text AS c8
--     FROM "public"."campaign"
--     WHERE "updated_at" > '<lo>+00' AND "updated_at" <= '<hi>+00'
--     HAVING count(*) > 0
SELECT
    m,
    n,
    `c0`,
    `c1`,
    `c2`,
    `c3`,
    `c4`,
    `c5`,
    `c6`,
    `c6n`,
    `c7`,
    `c8`
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = concat(
            'SELECT \'window\' AS m, count(*)::text AS n,\n       sum("id")::text AS c0,\n       sum("advertiser_id")::text AS c1,\n       sum(char_length("name"::text))::text AS c2,\n       sum("bid")::text AS c3,\n       sum("budget")::text AS c4,\n       sum("start_date" - date \'1970-01-01\')::text AS c5,\n       sum("end_date" - date \'1970-01-01\')::text AS c6,\n       count("end_date")::text AS c6n,\n       sum(round(extract(epoch from "created_at") * 1000000))::text AS c7,\n       sum(round(extract(epoch from "updated_at") * 1000000))::text AS c8\nFROM "public"."campaign"\nWHERE "updated_at" > \'',
            toString({lo:DateTime64(6, 'UTC')}),
            '+00\' AND "updated_at" <= \'',
            toString({hi:DateTime64(6, 'UTC')}),
            '+00\'\nHAVING count(*) > 0'
        )
    )
