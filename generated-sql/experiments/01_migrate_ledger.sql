-- Ledgers created by an older chplan lack columns added since: chunk_key (chunks split by key) and
-- source_version (what a publish was built from).
ALTER TABLE `experiments_analytics`.`chplan_ledger`
ADD COLUMN IF NOT EXISTS `chunk_key` String DEFAULT ''
AFTER `window_end`,
ADD COLUMN IF NOT EXISTS `source_version` String DEFAULT ''
