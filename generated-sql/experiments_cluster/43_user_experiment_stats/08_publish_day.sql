-- Swaps the day of user_experiment_stats for the one built in staging, atomically.
ALTER TABLE `experiments_analytics`.`user_experiment_stats`
REPLACE PARTITION ID {partition_id:String}
FROM
    `experiments_analytics`.`user_experiment_stats__staging`
