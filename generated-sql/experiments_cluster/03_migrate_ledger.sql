-- Ledgers created by an older chplan lack columns added since: chunk_key (chunks split by key),
-- source_version (what a publish was built from), unit (units that are not days; older rows read
-- as their day), note (what is not an error), cursor (where a unit's next run starts), and the
-- TTL that keeps a lease's heartbeats for 7 days instead of forever.
ALTER TABLE `experiments_analytics`.`chplan_ledger`
ON CLUSTER `experiments`
ADD COLUMN IF NOT EXISTS `chunk_key` String DEFAULT ''
AFTER `window_end`,
ADD COLUMN IF NOT EXISTS `source_version` String DEFAULT '',
ADD COLUMN IF NOT EXISTS `unit` String DEFAULT ''
AFTER `target`,
ADD COLUMN IF NOT EXISTS `note` String DEFAULT ''
AFTER `error`,
ADD COLUMN IF NOT EXISTS `cursor` String DEFAULT ''
AFTER `note`,
MODIFY TTL toDateTime(finished_at) + INTERVAL 7 DAY
DELETE WHERE step = 'lease'
AND status = 'held'
