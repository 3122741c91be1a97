-- Keys present in the window but absent from the mapping (per map): they would be
-- dropped by the INSERT, so any row here stops the run.
SELECT
    map,
    key,
    count() AS rows
FROM
    (
        SELECT
            arrayJoin(
                arrayConcat(
                    arrayMap(
                        k -> ('metricIntGroup1', k),
                        arrayFilter(k -> NOT has(['', 'it\'s'], k), mapKeys(`metricIntGroup1`))
                    ),
                    arrayMap(
                        k -> ('metricIntGroup2', k),
                        arrayFilter(k -> NOT has(['it\'s', 'new\nline `tick` \\'], k), mapKeys(`metricIntGroup2`))
                    ),
                    arrayMap(k -> ('metricFloatGroup1', k), arrayFilter(k -> NOT has(['😀'], k), mapKeys(`metricFloatGroup1`)))
                )
            ) AS pair,
            pair .1 AS map,
            pair .2 AS key
        FROM
            `default`.`src`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
    )
GROUP BY
    map,
    key
ORDER BY
    map,
    key
