-- Staging has exactly the target's structure, so a finished partition moves into the
-- target with one atomic ALTER … PARTITION.
-- On the cluster: a table of the replica this run talks to, not replicated and not created
-- ON CLUSTER; publishing moves its parts into the target there, and the shard's other
-- replicas fetch them from it. Same columns, indexes and keys as the target.
CREATE TABLE IF NOT EXISTS `default`.`events_full__chplan_staging` AS `default`.`events_full` ENGINE = ReplacingMergeTree(event_ts, is_deleted)
SETTINGS
    index_granularity_bytes = '64Mi',
    merge_max_block_size_bytes = '64Mi',
    enable_block_number_column = 1,
    enable_block_offset_column = 1
