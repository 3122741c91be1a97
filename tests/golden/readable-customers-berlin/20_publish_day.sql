-- Atomically swaps the day's partition in the target for the one built in staging.
ALTER TABLE `default`.`flat`
REPLACE PARTITION ID {partition_id:String}
FROM
    `default`.`flat__chplan_staging`
