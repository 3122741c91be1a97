-- chplan replay, on an engine that can read the file itself: the dump's lines into this replay's
-- staging table, numbered in file order, with their length in bytes. A byte order mark before the
-- first line (a dump saved by an editor) is no part of its message, and is left out.
INSERT INTO
    `experiments_analytics`.{replay:Identifier} (seq, line, bytes)
SELECT
    rowNumberInAllBlocks() AS n,
    if(
        n = 0
        AND startsWith(line, unhex('EFBBBF')),
        substring(line, 4),
        line
    ) AS message,
    length(message)
FROM
    file({path:String}, 'LineAsString', 'line String')
SETTINGS
    max_threads = 1
