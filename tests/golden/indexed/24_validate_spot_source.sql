-- Spot check, source side: every key of a sample of target groups, summed from the
-- raw rows (ARRAY JOIN unpivot).
SELECT
    toString(__chplan_minute) AS minute,
    [toString(`clientId`), toString(`sessionId`)] AS group_keys,
    pair .1 AS kind,
    pair .2 AS key,
    toString(sum(pair .3)) AS int_total,
    toString(sum(pair .4)) AS float_total
FROM
    `default`.`src`
    ARRAY JOIN arrayConcat(
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int128'), toFloat64(0)),
            mapKeys(`metricIntGroup1`),
            mapValues(`metricIntGroup1`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int128'), toFloat64(0)),
            mapKeys(`metricIntGroup2`),
            mapValues(`metricIntGroup2`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int128'), toFloat64(v)),
            mapKeys(`metricFloatGroup1`),
            mapValues(`metricFloatGroup1`)
        )
    ) AS pair
WHERE
    `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
    AND (toStartOfMinute(`timestampMs`, 'UTC'), `clientId`, `sessionId`) IN (
        SELECT
            `timestampMs`,
            `clientId`,
            `sessionId`
        FROM
            `default`.`flat`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
        ORDER BY
            cityHash64(`timestampMs`, `clientId`, `sessionId`, {spot_seed:UInt64})
        LIMIT
            {spot_groups:UInt32}
    )
GROUP BY
    toDateTime64(toStartOfMinute(`timestampMs`, 'UTC'), 3, 'UTC') AS __chplan_minute,
    `clientId`,
    `sessionId`,
    kind,
    key
