-- Cluster plans only: experiments_cluster_truncations of every shard as one table, for reading the whole cluster.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_cluster_truncations_all`
ON CLUSTER `experiments` AS `experiments_analytics`.`experiments_cluster_truncations` ENGINE = Distributed ('experiments', 'experiments_analytics', 'experiments_cluster_truncations')
COMMENT 'chplan definition fa6a2277d1cde2c1'
