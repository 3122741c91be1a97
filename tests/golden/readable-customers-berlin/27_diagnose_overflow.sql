-- Run only after a chunk failed on an integer cast: finds the group and key whose sum
-- does not fit the target's int type, so the error can name them.
SELECT
    toString(toStartOfMinute(`timestampMs`, 'Europe/Berlin')) AS minute,
    [toString(`clientId`), toString(`sessionId`)] AS group_keys,
    pair .1 AS key,
    toString(sum(pair .2)) AS total
FROM
    `default`.`src`
    ARRAY JOIN arrayConcat(
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup1`), mapValues(`metricIntGroup1`)),
        arrayMap((k, v) -> (k, CAST(v, 'Int256')), mapKeys(`metricIntGroup2`), mapValues(`metricIntGroup2`))
    ) AS pair
WHERE
    `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
    AND `customerId` IN (3, 1)
GROUP BY
    toStartOfMinute(`timestampMs`, 'Europe/Berlin'),
    `clientId`,
    `sessionId`,
    key
HAVING
    accurateCastOrNull(sum(pair .2), 'Int64') IS NULL
ORDER BY
    abs(sum(pair .2)) DESC
LIMIT
    1
