-- chplan replay to a server, which cannot read this machine's files: the dump's lines follow
-- this statement in blocks, one JSON object per line holding the message and its key (split
-- at the key separator as replay_block splits a staged line) and the topic it is recorded under.
INSERT INTO
    `experiments_analytics`.`experiments_cluster_landing_route` (line, key, topic)
SETTINGS
    parallel_view_processing = 1,
    max_block_size = 65536,
    max_insert_block_size = 65536,
    min_insert_block_size_rows = 65536,
    min_insert_block_size_bytes = 0,
    max_threads = 2
FORMAT
    JSONEachRow
