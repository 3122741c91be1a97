-- Cluster plans only: events_processed of every shard as one table, for reading the whole cluster.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`events_processed_all`
ON CLUSTER `experiments` AS `experiments_analytics`.`events_processed` ENGINE = Distributed ('experiments', 'experiments_analytics', 'events_processed')
COMMENT 'chplan definition b20c4809161d498b'
