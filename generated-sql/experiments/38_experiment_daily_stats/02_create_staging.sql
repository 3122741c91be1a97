-- Staging for experiment_daily_stats: a day is built here, checked, then swapped into the target.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiment_daily_stats__staging` AS `experiments_analytics`.`experiment_daily_stats`
COMMENT 'chplan definition f3604341324ee12e'
