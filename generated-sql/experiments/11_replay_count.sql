-- The lines this replay staged.
SELECT
    count() AS staged
FROM
    `experiments_analytics`.{replay:Identifier}
