-- On a cluster, a full refresh of campaign: a partition of the target that the refreshed staging
-- does not have (every row of it deleted in PostgreSQL) is dropped.
ALTER TABLE `analytics`.`dim_campaign`
DROP PARTITION ID {partition_id:String}
