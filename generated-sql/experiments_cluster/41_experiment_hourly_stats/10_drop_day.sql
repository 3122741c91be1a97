-- A day whose recomputation of experiment_hourly_stats is empty (every row of it was deleted) is dropped.
ALTER TABLE `experiments_analytics`.`experiment_hourly_stats`
DROP PARTITION ID {partition_id:String}
