-- Spot check, target side: the same sample of groups with all their columns.
SELECT
    toString(toDateTime64(`timestampMs`, 3, 'UTC')) AS minute,
    [toString(`clientId`), toString(`sessionId`)] AS group_keys,
    [toString(`int1`), toString(`int2`), toString(`int3`)] AS ints,
    [toString(`float1`)] AS floats
FROM
    `default`.`flat`
WHERE
    (`timestampMs`, `clientId`, `sessionId`) IN (
        SELECT
            `timestampMs`,
            `clientId`,
            `sessionId`
        FROM
            `default`.`flat`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
            AND `customerId` IN (3, 1)
        ORDER BY
            cityHash64(`timestampMs`, `clientId`, `sessionId`, {spot_seed:UInt64})
        LIMIT
            {spot_groups:UInt32}
    )
