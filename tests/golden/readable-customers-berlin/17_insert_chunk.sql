-- Flattens one chunk [{chunk_start}, {chunk_end}) of the source into staging.
-- One row per (minute in Europe/Berlin, clientId, sessionId); every metric summed over the group.
-- Integers are summed in 64 bits and cast with accurateCast: an overflow fails the
-- chunk instead of wrapping.
-- The dimension columns come from one source row of the group, all from the same row: one
-- small aggregation state per group instead of one string state per column. The join reads
-- those rows as its probe side and builds on the groups' aggregates (the right side), so it
-- copies the aggregates into its output, not the dimension columns.
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
        -- The dimension columns of one source row of each group, all from the same row.
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
        LIMIT
            1 BY __chplan_row_minute, __chplan_row_key0,
            __chplan_row_key1
    ) AS __chplan_dims
    INNER JOIN (
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
