-- Rows a chunk reads (every version of its observations and of its traces, in its time window
-- and, when chunks split by project, its bucket): the dry run's estimate and the ledger's rows_read.
SELECT
    (
        SELECT
            count()
        FROM
            `default`.`observations`
        WHERE
            start_time >= {chunk_start:DateTime64(3, 'UTC')}
            AND start_time < {chunk_end:DateTime64(3, 'UTC')}
            AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
    ) + (
        SELECT
            count()
        FROM
            `default`.`traces`
        WHERE
            timestamp >= {chunk_start:DateTime64(3, 'UTC')}
            AND timestamp < {chunk_end:DateTime64(3, 'UTC')}
            AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
    ) AS rows
