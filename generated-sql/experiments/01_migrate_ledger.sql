-- Ledgers created before chunks could split by key have no chunk_key column: add it.
ALTER TABLE `experiments_analytics`.`chplan_ledger`
ADD COLUMN IF NOT EXISTS `chunk_key` String DEFAULT ''
AFTER `window_end`
