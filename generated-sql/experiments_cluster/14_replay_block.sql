-- chplan replay: lines [from, to) of this replay's staging into the landing table, in file order, as
-- one insert, where the chain takes them as it takes a Kafka table's poll.
INSERT INTO
    `experiments_analytics`.`experiments_cluster_landing_route` (line, topic)
SELECT
    line,
    {topic:String}
FROM
    `experiments_analytics`.`experiments_cluster_replay`
WHERE
    replay_id = {replay_id:String}
    AND seq >= {from:UInt64}
    AND seq < {to:UInt64}
ORDER BY
    seq
SETTINGS
    parallel_view_processing = 1,
    max_block_size = 65536,
    max_insert_block_size = 65536,
    max_threads = 2
