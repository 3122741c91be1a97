-- The derived staging partition, dropped before it is built and after it is published.
ALTER TABLE `default`.`events_core__chplan_staging`
DROP PARTITION ID {partition_id:String}
