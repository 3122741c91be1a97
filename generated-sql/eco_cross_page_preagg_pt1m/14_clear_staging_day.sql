-- Before a day is (re)built: drop whatever an earlier attempt left in staging.
ALTER TABLE `default`.`eco_cross_page_preagg_pt1m__chplan_staging`
DROP PARTITION ID {partition_id:String}
