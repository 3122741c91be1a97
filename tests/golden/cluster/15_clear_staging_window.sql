-- Before a retried chunk: remove its window from staging so nothing is counted twice.
ALTER TABLE `default`.`flat__chplan_staging`
DELETE WHERE `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
SETTINGS
    mutations_sync = 2
