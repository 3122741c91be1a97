-- Before a retried chunk: remove its window from staging so nothing is counted twice.
ALTER TABLE `default`.`events_full__chplan_staging`
DELETE WHERE start_time >= {chunk_start:DateTime64(3, 'UTC')}
AND start_time < {chunk_end:DateTime64(3, 'UTC')}
AND cityHash64(project_id) % {buckets:UInt32} = {bucket:UInt32}
SETTINGS
    mutations_sync = 2
