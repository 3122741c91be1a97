-- Empties a day of staging before it is rebuilt.
ALTER TABLE `experiments_analytics`.`experiment_daily_stats__staging`
DROP PARTITION ID {partition_id:String}
