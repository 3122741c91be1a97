-- chplan replay, on an engine that can read the file itself: the dump's lines into replay staging,
-- numbered in file order, under this replay's id.
INSERT INTO
    `experiments_analytics`.`experiments_cluster_replay` (replay_id, seq, line)
SELECT
    {replay_id:String},
    rowNumberInAllBlocks(),
    line
FROM
    file({path:String}, 'LineAsString', 'line String')
SETTINGS
    max_threads = 1
