-- Target rows must equal the distinct (minute, clientId, sessionId) groups in the source.
SELECT
    (
        SELECT
            count()
        FROM
            `default`.`src`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
            AND `customerId` IN (3, 1)
    ) AS source_rows,
    (
        SELECT
            count()
        FROM
            (
                SELECT
                    1
                FROM
                    `default`.`src`
                WHERE
                    `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
                    AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
                    AND `customerId` IN (3, 1)
                GROUP BY
                    toStartOfMinute(`timestampMs`, 'Europe/Berlin'),
                    `clientId`,
                    `sessionId`
            )
    ) AS source_groups,
    (
        SELECT
            count()
        FROM
            `default`.`flat`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
            AND `customerId` IN (3, 1)
    ) AS target_rows
