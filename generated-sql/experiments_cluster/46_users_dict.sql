-- Dictionary users_dict: PostgreSQL's users through the named collection chplan_pg_experiments_cluster
-- (created at run time from PG_URL; no credential here), reloaded every 300 s.
CREATE DICTIONARY IF NOT EXISTS `experiments_analytics`.`users_dict`
ON CLUSTER `experiments` (`id` String, `uid` UUID, `country` String) PRIMARY KEY `id` SOURCE (POSTGRESQL(NAME `chplan_pg_experiments_cluster` TABLE 'users')) LAYOUT (COMPLEX_KEY_HASHED ()) LIFETIME (MIN 150 MAX 300)
COMMENT 'chplan definition b3420fceb1c86910'
