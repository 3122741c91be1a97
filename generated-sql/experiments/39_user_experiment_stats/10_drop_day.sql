-- A day whose recomputation of user_experiment_stats is empty (every row of it was deleted) is dropped.
ALTER TABLE `experiments_analytics`.`user_experiment_stats`
DROP PARTITION ID {partition_id:String}
