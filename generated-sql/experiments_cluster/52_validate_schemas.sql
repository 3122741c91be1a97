-- Validation: one message of each distinct schema the connector sent (the JSON converter writes the
-- schema before the payload, so its text is hashed without parsing the message); chplan compares
-- each declared field type with how the spec reads that field.
SELECT
    any(line) AS
sample
,
    count() AS messages
FROM
    `experiments_analytics`.`experiments_cluster_landing`
WHERE
    startsWith(line, '{"schema"')
GROUP BY
    cityHash64(substring(line, 1, position(line, '"payload"')))
ORDER BY
    messages DESC
LIMIT
    100
