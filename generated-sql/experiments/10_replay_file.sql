-- chplan replay, on an engine that can read the file itself: the dump's lines into replay staging,
-- numbered in file order.
INSERT INTO
    `experiments_analytics`.`experiments_replay` (seq, line)
SELECT
    rowNumberInAllBlocks(),
    line
FROM
    file({path:String}, 'LineAsString', 'line String')
SETTINGS
    max_threads = 1
