-- Cluster plans only: fact_clicks of every shard as one table, for reading the whole cluster
-- (KPI views read it). Each key lives on one shard.
CREATE TABLE IF NOT EXISTS `analytics`.`fact_clicks_all`
ON CLUSTER `adtech` AS `analytics`.`fact_clicks` ENGINE = Distributed ('adtech', 'analytics', 'fact_clicks', cityHash64(`id`))
