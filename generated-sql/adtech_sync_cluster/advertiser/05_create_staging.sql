-- Staging for advertiser: the plan's columns, engine and order, like dim_advertiser. A load
-- lands here first; a full refresh fills it completely and swaps it with the target. It is made
-- anew before every load (advertiser/04_drop_staging.sql first), so it always has this plan's structure.
-- On the cluster: a table of the replica this run talks to, not replicated; a publish moves its rows
-- into the replicated target there.
CREATE TABLE IF NOT EXISTS `analytics`.`dim_advertiser__staging` (
    `id` Int64,
    `name` String,
    `created_at` DateTime64(6, 'UTC'),
    `updated_at` DateTime64(6, 'UTC'),
    `_deleted` UInt8 DEFAULT 0,
    `_version` UInt64 DEFAULT 0
) ENGINE = ReplacingMergeTree(`_version`, `_deleted`)
ORDER BY
    (`id`)
