-- Staging for experiment_daily_stats: a day is built here, checked, then swapped into the target.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiment_daily_stats__staging` AS `experiments_analytics`.`experiment_daily_stats`
-- On the cluster: a table of the server the rebuild runs on, not replicated.
ENGINE = SummingMergeTree
COMMENT 'chplan definition 4665a288c6ff0451'
