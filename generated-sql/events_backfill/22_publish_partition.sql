-- publish = replace: the backfill owns the partition. Atomically swaps the target's
-- partition for the one built in staging.
ALTER TABLE `default`.`events_full`
REPLACE PARTITION ID {partition_id:String}
FROM
    `default`.`events_full__chplan_staging`
