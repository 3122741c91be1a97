-- Staging for experiment_hourly_stats: a day is built here, checked, then swapped into the target.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiment_hourly_stats__staging` AS `experiments_analytics`.`experiment_hourly_stats`
COMMENT 'chplan definition 81a397a8843ed8ce'
