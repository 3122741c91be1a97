-- Values of impressions in the load window (lo, hi] that ClickHouse's PostgreSQL reader would not
-- read exactly, counted by PostgreSQL itself: dates and timestamps outside 1900–2299 (ClickHouse clamps
-- them silently) and subnormal floats (it cannot parse them). Any refuses the table's load.
-- Checked:
--     event_time, timestamps before 1900 or after 2299 (or ±infinity): "event_time" < '1900-01-01 00:00:00+00' OR "event_time" >= '2300-01-01 00:00:00+00'
--     inserted_at, timestamps before 1900 or after 2299 (or ±infinity): "inserted_at" < '1900-01-01 00:00:00+00' OR "inserted_at" >= '2300-01-01 00:00:00+00'
SELECT
    *
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = concat(
            'SELECT (count(*) FILTER (WHERE "event_time" < \'1900-01-01 00:00:00+00\' OR "event_time" >= \'2300-01-01 00:00:00+00\'))::text || \' \' || \'timestamps before 1900 or after 2299 (or ±infinity)\' AS "event_time", (count(*) FILTER (WHERE "inserted_at" < \'1900-01-01 00:00:00+00\' OR "inserted_at" >= \'2300-01-01 00:00:00+00\'))::text || \' \' || \'timestamps before 1900 or after 2299 (or ±infinity)\' AS "inserted_at" FROM "public"."impressions" WHERE ("inserted_at" > \'',
            toString({lo:DateTime64(6, 'UTC')}),
            '+00\' AND "inserted_at" <= \'',
            toString({hi:DateTime64(6, 'UTC')}),
            '+00\') AND (((hashtextextended(row("id")::text, 0) % 3) + 3) % 3 = ',
            toString({shard:UInt32}),
            ')'
        )
    )
