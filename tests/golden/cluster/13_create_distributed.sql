-- Cluster plans only: one table over every shard's target, sharded like the source
-- (rows of one minute group always live on one shard).
CREATE TABLE IF NOT EXISTS `default`.`flat_all`
ON CLUSTER `prod_cluster` AS `default`.`flat` ENGINE = Distributed ('prod_cluster', 'default', 'flat', cityHash64(`clientId`, `sessionId`))
