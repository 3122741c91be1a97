-- Validation: dead-lettered messages that would have changed, removed or emptied rows of the
-- chain's tables (updates, deletes, truncates). The processed tables still hold those rows as they
-- were, so each one is a difference from the source, not just a bad message.
SELECT
    op,
    source_table,
    count() AS messages,
    any(reason) AS example
FROM
    (
        SELECT
            JSONExtractString(line, 'payload', 'op') AS op,
            JSONExtractString(line, 'payload', 'source', 'table') AS source_table,
            reason
        FROM
            `experiments_analytics`.`experiments_dead_letter`
        WHERE
            stage = 'parse'
    )
WHERE
    op IN ('u', 'd', 't')
    AND source_table IN ('assignments', 'events')
GROUP BY
    op,
    source_table
ORDER BY
    source_table,
    op
