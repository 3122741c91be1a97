-- chplan replay, on an engine that can read the file itself: the dump's lines into the landing
-- table, where the chain takes them as it takes Kafka's. Blocks of 65,536 rows (a Kafka table's
-- default) with the views run in parallel.
INSERT INTO
    `experiments_analytics`.`experiments_landing` (line, topic)
SELECT
    line,
    {topic:String}
FROM
    file({path:String}, 'LineAsString', 'line String')
SETTINGS
    parallel_view_processing = 1,
    max_insert_block_size = 65536,
    min_insert_block_size_rows = 65536,
    max_threads = 2
