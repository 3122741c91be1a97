-- Groups whose carried dimension columns differ inside the group: the target keeps
-- one source row's values, so such groups lose information.
SELECT
    count() AS groups,
    any(example) AS example
FROM
    (
        SELECT
            concat(
                toString(toStartOfMinute(`timestampMs`, 'UTC')),
                ' ',
                toString(`clientId`),
                ' ',
                toString(`sessionId`)
            ) AS example
        FROM
            `default`.`src`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
        GROUP BY
            toStartOfMinute(`timestampMs`, 'UTC'),
            `clientId`,
            `sessionId`
        HAVING
            min(cityHash64(`customerId`)) != max(cityHash64(`customerId`))
            OR min(cityHash64(`platform`)) != max(cityHash64(`platform`))
    )
