-- The upper bound of this run's load of clicks, fixed when the run starts: the greatest
-- inserted_at PostgreSQL holds (answered from its index on that column). Also the start of the
-- oldest transaction still open: rows it commits later carry a cursor no earlier than that (now()
-- is the transaction's start), so the watermark this run records does not pass it. `hidden`
-- counts sessions whose state the role may not see (it lacks pg_read_all_stats). And the
-- source's TimeZone: timestamps travel as text in it, and chplan reads them as UTC. And PostgreSQL's
-- snapshot now, which a table captured by transactions records: its next load also reads every row a
-- transaction this snapshot does not see has written.
-- The query PostgreSQL runs:
--     SELECT max("inserted_at") AS hi, current_setting('TimeZone') AS tz, pg_current_snapshot()::text AS snapshot,
--            (SELECT min(xact_start) FROM pg_stat_activity
--             WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND xact_start IS NOT NULL) AS open_since,
--            (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state IS NULL) AS hidden
--     FROM "public"."clicks"
SELECT
    ifNull(toString(hi), '') AS hi,
    tz,
    ifNull(toString(open_since), '') AS open_since,
    toString(hidden) AS hidden,
    snapshot
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = 'SELECT max("inserted_at") AS hi, current_setting(\'TimeZone\') AS tz, pg_current_snapshot()::text AS snapshot,\n       (SELECT min(xact_start) FROM pg_stat_activity\n        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> \'idle\' AND xact_start IS NOT NULL) AS open_since,\n       (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = \'client backend\' AND state IS NULL) AS hidden\nFROM "public"."clicks"'
    )
