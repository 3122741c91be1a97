-- `default`.`events_core` is written by the materialized view `default`.`events_core_mv` on every insert into
-- the target; a partition published with REPLACE/ATTACH bypasses the view, so the plan builds
-- the derived partition beside it, in staging with the derived table's structure.
-- On the cluster: local to the replica this run talks to, not replicated, like the target's
-- staging.
CREATE TABLE IF NOT EXISTS `default`.`events_core__chplan_staging` AS `default`.`events_core` ENGINE = ReplacingMergeTree(event_ts, is_deleted)
SETTINGS
    index_granularity_bytes = '64Mi',
    merge_max_block_size_bytes = '64Mi',
    enable_block_number_column = 1,
    enable_block_offset_column = 1
