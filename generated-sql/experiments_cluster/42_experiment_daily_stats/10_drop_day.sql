-- A day whose recomputation of experiment_daily_stats is empty (every row of it was deleted) is dropped.
ALTER TABLE `experiments_analytics`.`experiment_daily_stats`
DROP PARTITION ID {partition_id:String}
