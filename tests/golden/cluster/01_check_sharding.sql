-- Cluster plans only: minute groups whose rows sit on more than one shard. Each shard
-- aggregates its own rows, so such a group would become two target rows.
SELECT
    count() AS split_groups
FROM
    (
        SELECT
            1
        FROM
            cluster ('prod_cluster', 'default', 'src')
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
        GROUP BY
            toStartOfMinute(`timestampMs`, 'UTC'),
            `clientId`,
            `sessionId`
        HAVING
            uniqExact(_shard_num) > 1
    )
