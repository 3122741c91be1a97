-- Cluster plans only: experiment_daily_stats of every shard as one table, for reading the whole cluster.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiment_daily_stats_all`
ON CLUSTER `experiments` AS `experiments_analytics`.`experiment_daily_stats` ENGINE = Distributed ('experiments', 'experiments_analytics', 'experiment_daily_stats')
COMMENT 'chplan definition 51019bd6769e17e4'
