-- Dictionary experiments_dict: PostgreSQL's experiments through the named collection chplan_pg_experiments
-- (created at run time from PG_URL; no credential here), reloaded every 300 s.
CREATE DICTIONARY IF NOT EXISTS `experiments_analytics`.`experiments_dict` (`id` UInt64, `name` String, `status` String) PRIMARY KEY `id` SOURCE (POSTGRESQL(NAME `chplan_pg_experiments` TABLE 'experiments')) LAYOUT (HASHED ()) LIFETIME (MIN 150 MAX 300)
COMMENT 'chplan definition fd8102b810e769fb'
