-- Per-column sums of the target over the same window.
SELECT
    toString(sum(`int1`)) AS `int1`,
    toString(sum(`int2`)) AS `int2`,
    toString(sum(`int3`)) AS `int3`,
    toString(sum(`float1`)) AS `float1`
FROM
    `default`.`flat`
WHERE
    `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
    AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
