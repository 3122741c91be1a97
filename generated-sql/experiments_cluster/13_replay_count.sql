-- The lines this replay staged.
SELECT
    count() AS staged
FROM
    `experiments_analytics`.`experiments_cluster_replay`
WHERE
    replay_id = {replay_id:String}
