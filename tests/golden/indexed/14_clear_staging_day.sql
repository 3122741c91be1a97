-- Before a day is (re)built: drop whatever an earlier attempt left in staging.
ALTER TABLE `default`.`flat__chplan_staging`
DROP PARTITION ID {partition_id:String}
