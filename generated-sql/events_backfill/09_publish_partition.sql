-- publish = replace: the backfill owns the partition. Atomically swaps the target's
-- partition for the one built in staging.
ALTER TABLE `default`.`events`
REPLACE PARTITION ID {partition_id:String}
FROM
    `default`.`events__chplan_staging`
