-- Cluster plans only: user_experiment_stats of every shard as one table, for reading the whole cluster.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`user_experiment_stats_all`
ON CLUSTER `experiments` AS `experiments_analytics`.`user_experiment_stats` ENGINE = Distributed ('experiments', 'experiments_analytics', 'user_experiment_stats')
COMMENT 'chplan definition 50275fd994840a87'
