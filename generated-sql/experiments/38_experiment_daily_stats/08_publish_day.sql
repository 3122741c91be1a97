-- Swaps the day of experiment_daily_stats for the one built in staging, atomically.
ALTER TABLE `experiments_analytics`.`experiment_daily_stats`
REPLACE PARTITION ID {partition_id:String}
FROM
    `experiments_analytics`.`experiment_daily_stats__staging`
