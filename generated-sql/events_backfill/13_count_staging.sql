-- Events a chunk wrote into staging.
SELECT
    count() AS rows
FROM
    `default`.`events_full__chplan_staging`
WHERE
    start_time >= {chunk_start:DateTime64(3, 'UTC')}
    AND start_time < {chunk_end:DateTime64(3, 'UTC')}
    AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
