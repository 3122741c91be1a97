-- Atomically swaps the day's partition in the target for the one built in staging.
ALTER TABLE `default`.`eco_cross_page_preagg_pt1m`
REPLACE PARTITION ID {partition_id:String}
FROM
    `default`.`eco_cross_page_preagg_pt1m__chplan_staging`
