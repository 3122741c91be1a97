-- Cluster plans only: fact_impressions of every shard as one table, for reading the whole cluster
-- (KPI views read it). Each key lives on one shard.
CREATE TABLE IF NOT EXISTS `analytics`.`fact_impressions_all`
ON CLUSTER `adtech` AS `analytics`.`fact_impressions` ENGINE = Distributed ('adtech', 'analytics', 'fact_impressions', cityHash64(`id`))
