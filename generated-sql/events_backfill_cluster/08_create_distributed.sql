-- Cluster plans only: one table over every shard's events, for reading the whole cluster
-- (a trace's events always live on one shard, with its observations).
CREATE TABLE IF NOT EXISTS `default`.`events_full_all`
ON CLUSTER `default` AS `default`.`events_full` ENGINE = Distributed ('default', 'default', 'events_full', cityHash64(project_id, trace_id))
