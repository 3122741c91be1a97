-- chplan replay to a server, which cannot read this machine's files: the dump's lines follow
-- this statement in blocks.
INSERT INTO
    `experiments_analytics`.`experiments_cluster_landing_route` (line)
SETTINGS
    parallel_view_processing = 1,
    max_block_size = 65536,
    max_insert_block_size = 65536,
    max_threads = 2
FORMAT
    LineAsString
