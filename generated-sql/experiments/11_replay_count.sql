-- The lines this replay staged.
SELECT
    count() AS staged
FROM
    `experiments_analytics`.`experiments_replay`
WHERE
    replay_id = {replay_id:String}
