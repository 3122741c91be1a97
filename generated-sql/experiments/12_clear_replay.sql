-- Empties replay staging once its lines have landed.
TRUNCATE TABLE `experiments_analytics`.`experiments_replay`
