-- chplan replay: the blocks this replay's staged lines land in, in file order, each as one insert:
-- the lines that start in the same {block_bytes:UInt64}-byte stretch of the dump, at most
-- 65536 of them (what the Kafka table hands over at most). A block of large messages so holds
-- at most that many bytes and one line more, however large the dump. Read from the lines' lengths
-- alone.
SELECT
    min(seq) AS first_seq,
    max(seq) + 1 AS end_seq,
    count() AS lines
FROM
    (
        SELECT
            seq,
            stretch,
            intDiv(
                row_number() OVER (
                    PARTITION BY
                        stretch
                    ORDER BY
                        seq
                ) - 1,
                65536
            ) AS part
        FROM
            (
                SELECT
                    seq,
                    intDiv(
                        sum(bytes) OVER (
                            ORDER BY
                                seq ROWS BETWEEN UNBOUNDED PRECEDING
                                AND CURRENT ROW
                        ) - bytes,
                        {block_bytes:UInt64}
                    ) AS stretch
                FROM
                    `experiments_analytics`.{replay:Identifier}
            )
    )
GROUP BY
    stretch,
    part
ORDER BY
    first_seq
