-- The derived table's partition, swapped atomically for the one built from staging, just
-- before the target's own partition.
ALTER TABLE `default`.`events_core`
REPLACE PARTITION ID {partition_id:String}
FROM
    `default`.`events_core__chplan_staging`
