-- chplan replay, on an engine that can read the file itself: the dump's lines into this replay's
-- staging table, numbered in file order.
INSERT INTO
    `experiments_analytics`.{replay:Identifier} (seq, line)
SELECT
    rowNumberInAllBlocks(),
    line
FROM
    file({path:String}, 'LineAsString', 'line String')
SETTINGS
    max_threads = 1
