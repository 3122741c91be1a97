-- The registry: which key each flat column of a target holds, for every mapping ever
-- loaded into it. A plan that would give a registered column another key is refused.
CREATE TABLE IF NOT EXISTS `default`.`chplan_mappings` (
    `target` String,
    `kind` LowCardinality(String),
    `column` String,
    `key` String,
    `mapping_hash` String,
    `mapping_version` UInt32,
    `registered_at` DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY
    (target, kind, column)
