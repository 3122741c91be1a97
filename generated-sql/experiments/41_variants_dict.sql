-- Dictionary variants_dict: PostgreSQL's variants through the named collection chplan_pg_experiments
-- (created at run time from PG_URL; no credential here), reloaded every 300 s.
CREATE DICTIONARY IF NOT EXISTS `experiments_analytics`.`variants_dict` (`id` UInt64, `experiment_id` UInt32, `name` String, `is_control` UInt8) PRIMARY KEY `id` SOURCE (POSTGRESQL(NAME `chplan_pg_experiments` TABLE 'variants')) LAYOUT (HASHED ()) LIFETIME (MIN 150 MAX 300)
COMMENT 'chplan definition 41257b529a4fcdb4'
