-- Run only after a chunk failed on an integer cast: finds the group and key whose sum
-- does not fit the target's int type, so the error can name them.
SELECT
    toString(toStartOfMinute(`timestampMs`, 'UTC')) AS minute,
    [toString(`clientId`), toString(`sessionId`)] AS group_keys,
    pair .1 AS key,
    toString(sum(pair .2)) AS total
FROM
    `default`.`eco_cross_page_flow_pt1m_local`
    ARRAY JOIN arrayConcat(
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup1`), mapValues(`metricIntGroup1`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup2`), mapValues(`metricIntGroup2`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup3`), mapValues(`metricIntGroup3`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup4`), mapValues(`metricIntGroup4`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup5`), mapValues(`metricIntGroup5`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup6`), mapValues(`metricIntGroup6`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup7`), mapValues(`metricIntGroup7`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup8`), mapValues(`metricIntGroup8`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup9`), mapValues(`metricIntGroup9`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup10`), mapValues(`metricIntGroup10`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup11`), mapValues(`metricIntGroup11`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup12`), mapValues(`metricIntGroup12`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup13`), mapValues(`metricIntGroup13`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup14`), mapValues(`metricIntGroup14`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup15`), mapValues(`metricIntGroup15`))
    ) AS pair
WHERE
    `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
GROUP BY
    toStartOfMinute(`timestampMs`, 'UTC'),
    `clientId`,
    `sessionId`,
    key
HAVING
    accurateCastOrNull(sum(pair .2), 'Int32') IS NULL
ORDER BY
    abs(sum(pair .2)) DESC
LIMIT
    1
