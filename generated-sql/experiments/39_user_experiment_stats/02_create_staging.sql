-- Staging for user_experiment_stats: a day is built here, checked, then swapped into the target.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`user_experiment_stats__staging` AS `experiments_analytics`.`user_experiment_stats`
COMMENT 'chplan definition 198614f8aa93e7aa'
