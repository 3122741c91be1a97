-- Swaps the day of experiment_hourly_stats for the one built in staging, atomically.
ALTER TABLE `experiments_analytics`.`experiment_hourly_stats`
REPLACE PARTITION ID {partition_id:String}
FROM
    `experiments_analytics`.`experiment_hourly_stats__staging`
