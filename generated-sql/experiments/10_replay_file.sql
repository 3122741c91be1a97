-- chplan replay, on an engine that can read the file itself: the dump's lines into this replay's
-- staging table, numbered in file order, with their length in bytes.
INSERT INTO
    `experiments_analytics`.{replay:Identifier} (seq, line, bytes)
SELECT
    rowNumberInAllBlocks(),
    line,
    length(line)
FROM
    file({path:String}, 'LineAsString', 'line String')
SETTINGS
    max_threads = 1
