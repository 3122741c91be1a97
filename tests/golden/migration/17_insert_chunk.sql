-- Flattens one chunk [{chunk_start}, {chunk_end}) of the source into staging.
-- One row per (minute in UTC, clientId, sessionId); every metric summed over the group.
-- Integers are summed in 64 bits and cast with accurateCast: an overflow fails the
-- chunk instead of wrapping.
-- The dimension columns come from one source row of the group, all from the same row: the
-- source rows stream past the groups' aggregates (the join's built, right side), and the ANY
-- join joins each group once, to the first of its rows to arrive. So the join copies the
-- aggregates into its output, not the dimension columns, and the rows need no deduplication
-- first (a LIMIT 1 BY runs in one thread). The SETTINGS at the end pin that meaning of ANY:
-- with the legacy any_join_distinct_right_table_keys = 1 every row of a group would be
-- joined, summing the group once per row.
-- The aggregation keeps each group's entries as lists; the dense sums are made from them in
-- WITH, after the join, which so moves a group's few entries, not a value for every key.
-- The WHERE at the end stops the chunk where __chplan_unmapped_rows > 0:
-- a key missing from the mapping would be dropped.
--
-- Positions in the aggregated arrays:
--   int 1 -> int1 <- ""
--   int 2 -> int2 <- "it's"
--   int 3 -> int3 <- "new\nline `tick` \\"
--   float 1 -> float1 <- "😀"
INSERT INTO
    `default`.`flat__chplan_staging` (`timestampMs`, `clientId`, `sessionId`, `customerId`, `platform`, `int1`, `int2`, `int3`, `float1`)
SETTINGS
    max_insert_threads = 2,
    min_insert_block_size_rows = 1048576
WITH
    ['', 'it\'s'] AS __chplan_int_keys_1,
    CAST([1, 2], 'Array(UInt16)') AS __chplan_int_positions_1,
    ['it\'s', 'new\nline `tick` \\'] AS __chplan_int_keys_2,
    CAST([2, 3], 'Array(UInt16)') AS __chplan_int_positions_2,
    ['😀'] AS __chplan_float_keys_1,
    CAST([1], 'Array(UInt16)') AS __chplan_float_positions_1,
    accurateCast(arrayReduce('sumResample(1, 4, 1)', __chplan_int_values, __chplan_int_slots), 'Array(Int32)') AS __chplan_int_sums,
    CAST(arrayReduce('sumResample(1, 2, 1)', __chplan_float_values, __chplan_float_slots), 'Array(Float32)') AS __chplan_float_sums
SELECT
    __chplan_minute AS `timestampMs`,
    `clientId`,
    `sessionId`,
    __chplan_d1 AS `customerId`,
    __chplan_d2 AS `platform`,
    __chplan_int_sums[1] AS `int1`,
    __chplan_int_sums[2] AS `int2`,
    __chplan_int_sums[3] AS `int3`,
    __chplan_float_sums[1] AS `float1`
FROM
    (
        -- The dimension columns of every source row; the join keeps one row of each group.
        SELECT
            toStartOfMinute(`timestampMs`, 'UTC') AS __chplan_row_minute,
            `clientId` AS __chplan_row_key0,
            `sessionId` AS __chplan_row_key1,
            `customerId` AS __chplan_d1,
            `platform` AS __chplan_d2
        FROM
            `default`.`src`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
    ) AS __chplan_dims
    INNER ANY JOIN (
        SELECT
            toStartOfMinute(`timestampMs`, 'UTC') AS __chplan_minute,
            `clientId`,
            `sessionId`,
            countIf (
                has(__chplan_int_row_slots, 0)
                OR has(__chplan_float_row_slots, 0)
            ) AS __chplan_unmapped_rows,
            groupArrayArray (__chplan_int_row_values) AS __chplan_int_values,
            groupArrayArray (__chplan_int_row_slots) AS __chplan_int_slots,
            groupArrayArray (__chplan_float_row_values) AS __chplan_float_values,
            groupArrayArray (__chplan_float_row_slots) AS __chplan_float_slots
        FROM
            (
                SELECT
                    `timestampMs`,
                    `clientId`,
                    `sessionId`,
                    arrayConcat(CAST(`metricIntGroup1`.values, 'Array(Int128)'), CAST(`metricIntGroup2`.values, 'Array(Int128)')) AS __chplan_int_row_values,
                    arrayConcat(
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_1, __chplan_int_positions_1, toUInt16(0)),
                            `metricIntGroup1`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_2, __chplan_int_positions_2, toUInt16(0)),
                            `metricIntGroup2`.keys
                        )
                    ) AS __chplan_int_row_slots,
                    arrayConcat(CAST(`metricFloatGroup1`.values, 'Array(Float64)')) AS __chplan_float_row_values,
                    arrayConcat(
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_1, __chplan_float_positions_1, toUInt16(0)),
                            `metricFloatGroup1`.keys
                        )
                    ) AS __chplan_float_row_slots
                FROM
                    `default`.`src`
                WHERE
                    `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
                    AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
            )
        GROUP BY
            __chplan_minute,
            `clientId`,
            `sessionId`
    ) AS __chplan_sums ON __chplan_sums.__chplan_minute = __chplan_dims.__chplan_row_minute
    AND __chplan_sums.`clientId` = __chplan_dims.__chplan_row_key0
    AND __chplan_sums.`sessionId` = __chplan_dims.__chplan_row_key1
WHERE
    throwIf(
        __chplan_unmapped_rows > 0,
        'chplan: the chunk holds keys the mapping does not map; they would be dropped, so the chunk was stopped'
    ) = 0
SETTINGS
    any_join_distinct_right_table_keys = 0
