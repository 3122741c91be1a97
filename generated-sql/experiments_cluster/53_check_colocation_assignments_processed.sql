-- Cluster plans only: keys of assignments_processed held by more than one shard (never, when every message went
-- through the route: a key's versions meet on one shard).
SELECT
    count() AS split,
    any(toString(tuple(`id`))) AS example
FROM
    (
        SELECT
            `id`
        FROM
            cluster ('experiments', 'experiments_analytics', 'assignments_processed')
        GROUP BY
            `id`
        HAVING
            uniqExact(_shard_num) > 1
    )
