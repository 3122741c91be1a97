-- The chain's database, Atomic (dictionaries and views live beside the tables).
CREATE DATABASE IF NOT EXISTS `experiments_analytics`
ON CLUSTER `experiments` ENGINE = Atomic
