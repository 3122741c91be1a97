-- Per-key sums computed from the source by unpivoting every map (ARRAY JOIN):
-- an independent route to the numbers the target should hold. Ints and floats
-- travel in separate slots so integer sums stay exact.
SELECT
    kind,
    key,
    toString(sum(int_value)) AS int_total,
    toString(sum(float_value)) AS float_total,
    count() AS entries
FROM
    (
        SELECT
            pair .1 AS kind,
            pair .2 AS key,
            pair .3 AS int_value,
            pair .4 AS float_value
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
    )
GROUP BY
    kind,
    key
ORDER BY
    kind,
    key
