-- chplan replay: lines [from, to) of this replay's staging table (one block of replay_blocks) into
-- the landing table, in file order, as one insert, where the chain takes them as it takes a Kafka
-- table's poll. With a key separator (a dump of `kcat -K SEP`), a line is the message key, the
-- separator, then the message: the key goes to `key` (a delete without its row takes its key from
-- there) and an empty message is a tombstone.
INSERT INTO
    `experiments_analytics`.`experiments_landing` (line, key, topic)
SELECT
    if(
        {separator:String} != ''
        AND position(line, {separator:String}) > 0,
        substring(line, position(line, {separator:String}) + length({separator:String})),
        line
    ),
    if(
        {separator:String} != ''
        AND position(line, {separator:String}) > 0,
        substring(line, 1, position(line, {separator:String}) - 1),
        ''
    ),
    {topic:String}
FROM
    `experiments_analytics`.{replay:Identifier}
WHERE
    seq >= {from:UInt64}
    AND seq < {to:UInt64}
ORDER BY
    seq
SETTINGS
    parallel_view_processing = 1,
    max_block_size = 65536,
    max_insert_block_size = 65536,
    min_insert_block_size_rows = 65536,
    min_insert_block_size_bytes = 0,
    max_threads = 2
