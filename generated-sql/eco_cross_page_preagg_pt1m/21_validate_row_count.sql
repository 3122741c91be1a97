-- Target rows must equal the distinct (minute, clientId, sessionId) groups in the source.
SELECT
    (
        SELECT
            count()
        FROM
            `default`.`eco_cross_page_flow_pt1m_local`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
    ) AS source_rows,
    (
        SELECT
            count()
        FROM
            (
                SELECT
                    1
                FROM
                    `default`.`eco_cross_page_flow_pt1m_local`
                WHERE
                    `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
                    AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
                GROUP BY
                    toStartOfMinute(`timestampMs`, 'UTC'),
                    `clientId`,
                    `sessionId`
            )
    ) AS source_groups,
    (
        SELECT
            count()
        FROM
            `default`.`eco_cross_page_preagg_pt1m`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
    ) AS target_rows
