-- On a cluster, a full refresh (or a first load) of impressions publishes staging partition by
-- partition: the replicated target takes each of staging's partitions atomically on the replica this
-- run talks to, and the shard's other replicas fetch it. (Swapping the tables, as one server does,
-- would leave the target's name on an unreplicated table.)
ALTER TABLE `analytics`.`fact_impressions`
REPLACE PARTITION ID {partition_id:String}
FROM
    `analytics`.`fact_impressions__staging`
