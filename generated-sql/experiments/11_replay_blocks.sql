-- chplan replay: the blocks this replay's staged lines land in, in file order, each as one insert:
-- 65536 lines at a time (what a Kafka table hands over at most by default), and within
-- those, the lines that start in the same {block_bytes:UInt64}-byte stretch of them. A block of
-- large messages so holds at most that many bytes and one line more; messages of a few kilobytes
-- never reach it. Read from the lines' lengths alone.
SELECT
    min(seq) AS first_seq,
    max(seq) + 1 AS end_seq,
    count() AS lines
FROM
    (
        SELECT
            seq,
            intDiv(seq, 65536) AS block,
            intDiv(
                sum(bytes) OVER (
                    PARTITION BY
                        block
                    ORDER BY
                        seq ROWS BETWEEN UNBOUNDED PRECEDING
                        AND CURRENT ROW
                ) - bytes,
                {block_bytes:UInt64}
            ) AS stretch
        FROM
            `experiments_analytics`.{replay:Identifier}
    )
GROUP BY
    block,
    stretch
ORDER BY
    first_seq
