-- Cluster plans only: traces of the partition whose observations, trace row or dataset-run
-- items sit on more than one shard. Each shard builds events from its own tables, so an
-- observation whose trace is on another shard would lose the trace's fields (or be kept
-- where Langfuse's backfill leaves a dataset run out).
SELECT
    count() AS split,
    any(trace_id) AS example
FROM
    (
        SELECT
            project_id,
            trace_id
        FROM
            (
                SELECT
                    project_id,
                    trace_id,
                    _shard_num AS shard,
                    1 AS in_partition
                FROM
                    cluster ('default', 'default', 'observations')
                WHERE
                    _partition_id = {partition_id:String}
                UNION ALL
                SELECT
                    project_id,
                    id AS trace_id,
                    _shard_num AS shard,
                    1 AS in_partition
                FROM
                    cluster ('default', 'default', 'traces')
                WHERE
                    _partition_id = {partition_id:String}
                UNION ALL
                SELECT
                    project_id,
                    trace_id,
                    _shard_num AS shard,
                    0 AS in_partition
                FROM
                    cluster ('default', 'default', 'dataset_run_items_rmt')
            )
        GROUP BY
            project_id,
            trace_id
        HAVING
            uniqExact(shard) > 1
            AND max(in_partition) = 1
    )
