-- The upper bound of this run's load of impressions, fixed when the run starts: the greatest
-- inserted_at PostgreSQL holds (answered from its index on that column). Also the source's
-- TimeZone: timestamps travel as text in it, and chplan reads them as UTC.
-- The query PostgreSQL runs:
--     SELECT max("inserted_at") AS hi, current_setting('TimeZone') AS tz
--     FROM "public"."impressions"
SELECT
    ifNull(toString(hi), '') AS hi,
    tz
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = 'SELECT max("inserted_at") AS hi, current_setting(\'TimeZone\') AS tz\nFROM "public"."impressions"'
    )
