-- Dictionary experiments_dict: PostgreSQL's experiments through the named collection chplan_pg_experiments_cluster
-- (created at run time from PG_URL; no credential here), reloaded every 300 s.
CREATE DICTIONARY IF NOT EXISTS `experiments_analytics`.`experiments_dict`
ON CLUSTER `experiments` (`id` UInt64, `name` String, `status` String) PRIMARY KEY `id` SOURCE (POSTGRESQL(NAME `chplan_pg_experiments_cluster` TABLE 'experiments')) LAYOUT (HASHED ()) LIFETIME (MIN 150 MAX 300)
COMMENT 'chplan definition dac94b73b46519bd'
