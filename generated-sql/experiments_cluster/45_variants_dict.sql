-- Dictionary variants_dict: PostgreSQL's variants through the named collection chplan_pg_experiments_cluster
-- (created at run time from PG_URL; no credential here), reloaded every 300 s.
CREATE DICTIONARY IF NOT EXISTS `experiments_analytics`.`variants_dict`
ON CLUSTER `experiments` (`id` UInt64, `experiment_id` UInt32, `name` String, `is_control` UInt8) PRIMARY KEY `id` SOURCE (POSTGRESQL(NAME `chplan_pg_experiments_cluster` TABLE 'variants')) LAYOUT (HASHED ()) LIFETIME (MIN 150 MAX 300)
COMMENT 'chplan definition 9de38c294a08d58b'
