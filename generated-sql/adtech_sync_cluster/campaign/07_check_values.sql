-- Values of campaign in the load window (lo, hi] that ClickHouse's PostgreSQL reader would not
-- read exactly, counted by PostgreSQL itself: dates and timestamps outside 1900–2299 (ClickHouse clamps
-- them silently) and subnormal floats (it cannot parse them). Any refuses the table's load.
-- Checked:
--     start_date, dates before 1900 or after 2299 (or ±infinity): "start_date" < date '1900-01-01' OR "start_date" > date '2299-12-31'
--     end_date, dates before 1900 or after 2299 (or ±infinity): "end_date" < date '1900-01-01' OR "end_date" > date '2299-12-31'
--     created_at, timestamps before 1900 or after 2299 (or ±infinity): "created_at" < '1900-01-01 00:00:00+00' OR "created_at" >= '2300-01-01 00:00:00+00'
--     updated_at, timestamps before 1900 or after 2299 (or ±infinity): "updated_at" < '1900-01-01 00:00:00+00' OR "updated_at" >= '2300-01-01 00:00:00+00'
SELECT
    *
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = concat(
            'SELECT (count(*) FILTER (WHERE "start_date" < date \'1900-01-01\' OR "start_date" > date \'2299-12-31\'))::text || \' \' || \'dates before 1900 or after 2299 (or ±infinity)\' AS "start_date", (count(*) FILTER (WHERE "end_date" < date \'1900-01-01\' OR "end_date" > date \'2299-12-31\'))::text || \' \' || \'dates before 1900 or after 2299 (or ±infinity)\' AS "end_date", (count(*) FILTER (WHERE "created_at" < \'1900-01-01 00:00:00+00\' OR "created_at" >= \'2300-01-01 00:00:00+00\'))::text || \' \' || \'timestamps before 1900 or after 2299 (or ±infinity)\' AS "created_at", (count(*) FILTER (WHERE "updated_at" < \'1900-01-01 00:00:00+00\' OR "updated_at" >= \'2300-01-01 00:00:00+00\'))::text || \' \' || \'timestamps before 1900 or after 2299 (or ±infinity)\' AS "updated_at" FROM "public"."campaign" WHERE "updated_at" > \'',
            toString({lo:DateTime64(6, 'UTC')}),
            '+00\' AND "updated_at" <= \'',
            toString({hi:DateTime64(6, 'UTC')}),
            '+00\''
        )
    )
