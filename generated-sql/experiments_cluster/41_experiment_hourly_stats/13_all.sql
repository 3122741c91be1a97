-- Cluster plans only: experiment_hourly_stats of every shard as one table, for reading the whole cluster.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiment_hourly_stats_all`
ON CLUSTER `experiments` AS `experiments_analytics`.`experiment_hourly_stats` ENGINE = Distributed ('experiments', 'experiments_analytics', 'experiment_hourly_stats')
COMMENT 'chplan definition d1116deec18929bc'
