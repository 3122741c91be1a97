-- Dictionary users_dict: PostgreSQL's users through the named collection chplan_pg_experiments
-- (created at run time from PG_URL; no credential here), reloaded every 300 s.
CREATE DICTIONARY IF NOT EXISTS `experiments_analytics`.`users_dict` (`id` String, `uid` UUID, `country` String) PRIMARY KEY `id` SOURCE (POSTGRESQL(NAME `chplan_pg_experiments` TABLE 'users')) LAYOUT (COMPLEX_KEY_HASHED ()) LIFETIME (MIN 150 MAX 300)
COMMENT 'chplan definition 769c70206a282179'
