-- Staging for user_experiment_stats: a day is built here, checked, then swapped into the target.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`user_experiment_stats__staging` AS `experiments_analytics`.`user_experiment_stats`
-- On the cluster: a table of the server the rebuild runs on, not replicated.
ENGINE = SummingMergeTree
COMMENT 'chplan definition 3bceb6e6d456fe6b'
