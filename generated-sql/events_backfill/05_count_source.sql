-- Observation rows (every version) a chunk reads (its time window and, when chunks split by
-- project, its bucket): the dry run's estimate and the ledger's rows_read.
SELECT
    count() AS rows
FROM
    `default`.`observations`
WHERE
    `start_time` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `start_time` < {chunk_end:DateTime64(3, 'UTC')}
    AND cityHash64(`project_id`) % {buckets:UInt32} = {bucket:UInt32}
