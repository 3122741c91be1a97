-- The targets' database, Atomic: a full refresh swaps a table with EXCHANGE TABLES and the KPI
-- views refresh into a new table they swap in, so readers never see a half-built table.
CREATE DATABASE IF NOT EXISTS `analytics`
ON CLUSTER `adtech` ENGINE = Atomic
