-- Flattens one chunk [{chunk_start}, {chunk_end}) of the source into staging.
-- One row per (minute in Europe/Berlin, clientId, sessionId); every metric summed over the group.
-- Integers are summed in 64 bits and cast with accurateCast: an overflow fails the
-- chunk instead of wrapping.
-- The dimension columns come from one source row of the group, all from the same row: the
-- source rows stream past the groups' aggregates (the join's built, right side), and the ANY
-- join joins each group once, to the first of its rows to arrive. So the join copies the
-- aggregates into its output, not the dimension columns, and the rows need no deduplication
-- first (a LIMIT 1 BY runs in one thread). The SETTINGS at the end pin that meaning of ANY:
-- with the legacy any_join_distinct_right_table_keys = 1 every row of a group would be
-- joined, summing the group once per row.
INSERT INTO
    `default`.`flat__chplan_staging` (`timestampMs`, `clientId`, `sessionId`, `customerId`, `platform`, `int1`, `int2`, `int3`, `float1`)
SETTINGS
    max_insert_threads = 2,
    min_insert_block_size_rows = 1048576,
    max_bytes_before_external_group_by = 2000000000,
    join_algorithm = 'hash'
SELECT
    __chplan_minute AS `timestampMs`,
    `clientId`,
    `sessionId`,
    __chplan_d1 AS `customerId`,
    __chplan_d2 AS `platform`,
    accurateCast(__chplan_int1, 'Int64') AS `int1`,
    accurateCast(__chplan_int2, 'Int64') AS `int2`,
    accurateCast(__chplan_int3, 'Int64') AS `int3`,
    CAST(__chplan_float1, 'Float32') AS `float1`
FROM
    (
        -- The dimension columns of every source row; the join keeps one row of each group.
        SELECT
            toStartOfMinute(`timestampMs`, 'Europe/Berlin') AS __chplan_row_minute,
            `clientId` AS __chplan_row_key0,
            `sessionId` AS __chplan_row_key1,
            `customerId` AS __chplan_d1,
            `platform` AS __chplan_d2
        FROM
            `default`.`src`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
            AND `customerId` IN (3, 1)
    ) AS __chplan_dims
    INNER ANY JOIN (
        SELECT
            toStartOfMinute(`timestampMs`, 'Europe/Berlin') AS __chplan_minute,
            `clientId`,
            `sessionId`,
            sum(CAST(`metricIntGroup1` [''], 'Int128')) AS __chplan_int1,
            sum(CAST(`metricIntGroup1` ['it\'s'], 'Int128')) + sum(CAST(`metricIntGroup2` ['it\'s'], 'Int128')) AS __chplan_int2,
            sum(CAST(`metricIntGroup2` ['new\nline `tick` \\'], 'Int128')) AS __chplan_int3,
            sum(CAST(`metricFloatGroup1` ['😀'], 'Float64')) AS __chplan_float1
        FROM
            `default`.`src`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
            AND `customerId` IN (3, 1)
        GROUP BY
            __chplan_minute,
            `clientId`,
            `sessionId`
    ) AS __chplan_sums ON __chplan_sums.__chplan_minute = __chplan_dims.__chplan_row_minute
    AND __chplan_sums.`clientId` = __chplan_dims.__chplan_row_key0
    AND __chplan_sums.`sessionId` = __chplan_dims.__chplan_row_key1
SETTINGS
    any_join_distinct_right_table_keys = 0
