-- Before a partition is (re)built: drop whatever an earlier attempt left in staging.
ALTER TABLE `default`.`events_full__chplan_staging`
DROP PARTITION ID {partition_id:String}
