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
    `default`.`eco_cross_page_flow_pt1m_local`
    ARRAY JOIN arrayConcat(
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup1`),
            mapValues(`metricIntGroup1`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup2`),
            mapValues(`metricIntGroup2`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup3`),
            mapValues(`metricIntGroup3`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup4`),
            mapValues(`metricIntGroup4`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup5`),
            mapValues(`metricIntGroup5`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup6`),
            mapValues(`metricIntGroup6`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup7`),
            mapValues(`metricIntGroup7`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup8`),
            mapValues(`metricIntGroup8`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup9`),
            mapValues(`metricIntGroup9`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup10`),
            mapValues(`metricIntGroup10`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup11`),
            mapValues(`metricIntGroup11`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup12`),
            mapValues(`metricIntGroup12`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup13`),
            mapValues(`metricIntGroup13`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup14`),
            mapValues(`metricIntGroup14`)
        ),
        arrayMap(
            (k, v) -> ('int', k, CAST(v, 'Int64'), toFloat64(0)),
            mapKeys(`metricIntGroup15`),
            mapValues(`metricIntGroup15`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup1`),
            mapValues(`metricFloatGroup1`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup2`),
            mapValues(`metricFloatGroup2`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup3`),
            mapValues(`metricFloatGroup3`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup4`),
            mapValues(`metricFloatGroup4`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup5`),
            mapValues(`metricFloatGroup5`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup6`),
            mapValues(`metricFloatGroup6`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup7`),
            mapValues(`metricFloatGroup7`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup8`),
            mapValues(`metricFloatGroup8`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup9`),
            mapValues(`metricFloatGroup9`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup10`),
            mapValues(`metricFloatGroup10`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup11`),
            mapValues(`metricFloatGroup11`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup12`),
            mapValues(`metricFloatGroup12`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup13`),
            mapValues(`metricFloatGroup13`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup14`),
            mapValues(`metricFloatGroup14`)
        ),
        arrayMap(
            (k, v) -> ('float', k, CAST(0, 'Int64'), toFloat64(v)),
            mapKeys(`metricFloatGroup15`),
            mapValues(`metricFloatGroup15`)
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
            `default`.`eco_cross_page_preagg_pt1m`
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
