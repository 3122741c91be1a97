-- Cluster plans only: assignments_processed of every shard as one table, for reading the whole cluster.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`assignments_processed_all`
ON CLUSTER `experiments` AS `experiments_analytics`.`assignments_processed` ENGINE = Distributed ('experiments', 'experiments_analytics', 'assignments_processed')
COMMENT 'chplan definition 33b4856baa2df22d'
