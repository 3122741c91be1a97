-- Validation, one day at a time: every enriched column of every event against its trace's
-- latest version, as a checksum over all rows, and the observations that found no trace.
-- Recomputed independently of the insert: argMax per (project_id, id) instead of LIMIT 1 BY.
WITH
    (
        t.id = o.trace_id
        AND t.timestamp >= o.start_time - INTERVAL 48 HOUR
        AND t.timestamp < o.start_time + INTERVAL 1 HOUR
    ) AS enriched
SELECT
    'expected' AS side,
    count() AS rows,
    countIf (NOT enriched) AS orphans,
    toString(sum(cityHash64(o.`project_id`, o.`id`, toString(CAST(if(enriched, t.`name`, ''), 'String'))))) AS `trace_name`,
    toString(
        sum(
            cityHash64(o.`project_id`, o.`id`, toString(CAST(if(enriched, ifNull(t.`user_id`, ''), ''), 'String')))
        )
    ) AS `user_id`,
    toString(
        sum(
            cityHash64(o.`project_id`, o.`id`, toString(CAST(if(enriched, ifNull(t.`session_id`, ''), ''), 'String')))
        )
    ) AS `session_id`,
    toString(
        sum(
            cityHash64(o.`project_id`, o.`id`, toString(CAST(if(enriched, ifNull(t.`release`, ''), ''), 'String')))
        )
    ) AS `release`,
    toString(
        sum(cityHash64(o.`project_id`, o.`id`, toString(CAST(if(enriched, t.`tags`, []), 'Array(String)'))))
    ) AS `tags`,
    toString(sum(cityHash64(o.`project_id`, o.`id`, toString(CAST(if(enriched, t.`public`, false), 'Bool'))))) AS `public`,
    toString(
        sum(cityHash64(o.`project_id`, o.`id`, toString(CAST(if(enriched, t.`bookmarked`, false), 'Bool'))))
    ) AS `bookmarked`,
    toString(
        sum(
            cityHash64(
                o.`project_id`,
                o.`id`,
                toString(CAST(coalesce(o.version, if(enriched, t.version, NULL), ''), 'String'))
            )
        )
    ) AS `version`,
    toString(
        sum(
            cityHash64(
                o.`project_id`,
                o.`id`,
                toString(
                    arraySort(
                        arrayZip(
                            mapKeys(if(enriched, mapUpdate(t.metadata, o.metadata), o.metadata)),
                            mapValues(if(enriched, mapUpdate(t.metadata, o.metadata), o.metadata))
                        )
                    )
                )
            )
        )
    ) AS `metadata`
FROM
    (
        SELECT
            `project_id`,
            `id`,
            argMax(`trace_id`, `event_ts`) AS `trace_id`,
            argMax(`start_time`, `event_ts`) AS `start_time`,
            argMax(`version`, `event_ts`) AS `version`,
            argMax(`metadata`, `event_ts`) AS `metadata`,
            argMax(`is_deleted`, `event_ts`) AS deleted
        FROM
            (
                SELECT
                    *
                FROM
                    `default`.`observations`
                WHERE
                    `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
                    AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
            )
        GROUP BY
            `project_id`,
            `id`
        HAVING
            deleted = 0
    ) AS o
    LEFT JOIN (
        SELECT
            `project_id`,
            `id`,
            argMax(`timestamp`, `event_ts`) AS `timestamp`,
            argMax(`version`, `event_ts`) AS `version`,
            argMax(`metadata`, `event_ts`) AS `metadata`,
            argMax(`name`, `event_ts`) AS `name`,
            argMax(`user_id`, `event_ts`) AS `user_id`,
            argMax(`session_id`, `event_ts`) AS `session_id`,
            argMax(`release`, `event_ts`) AS `release`,
            argMax(`tags`, `event_ts`) AS `tags`,
            argMax(`public`, `event_ts`) AS `public`,
            argMax(`bookmarked`, `event_ts`) AS `bookmarked`,
            argMax(`is_deleted`, `event_ts`) AS deleted
        FROM
            (
                SELECT
                    *
                FROM
                    `default`.`traces`
                WHERE
                    `timestamp` >= {chunk_start:DateTime64(3, 'UTC')} - INTERVAL 48 HOUR
                    AND `timestamp` < {chunk_end:DateTime64(3, 'UTC')} + INTERVAL 1 HOUR
            )
        GROUP BY
            `project_id`,
            `id`
        HAVING
            deleted = 0
    ) AS t ON t.`project_id` = o.`project_id`
    AND t.`id` = o.`trace_id`
UNION ALL
SELECT
    'actual' AS side,
    count() AS rows,
    0 AS orphans,
    toString(sum(cityHash64(project_id, span_id, toString(`trace_name`)))) AS `trace_name`,
    toString(sum(cityHash64(project_id, span_id, toString(`user_id`)))) AS `user_id`,
    toString(sum(cityHash64(project_id, span_id, toString(`session_id`)))) AS `session_id`,
    toString(sum(cityHash64(project_id, span_id, toString(`release`)))) AS `release`,
    toString(sum(cityHash64(project_id, span_id, toString(`tags`)))) AS `tags`,
    toString(sum(cityHash64(project_id, span_id, toString(`public`)))) AS `public`,
    toString(sum(cityHash64(project_id, span_id, toString(`bookmarked`)))) AS `bookmarked`,
    toString(sum(cityHash64(project_id, span_id, toString(`version`)))) AS `version`,
    toString(
        sum(cityHash64(project_id, span_id, toString(arraySort(arrayZip(metadata_names, metadata_values)))))
    ) AS `metadata`
FROM
    `default`.`events`
WHERE
    `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
    AND is_deleted = 0
SETTINGS
    join_use_nulls = 0
