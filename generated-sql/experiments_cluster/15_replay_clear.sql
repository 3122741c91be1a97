-- Removes this replay's staged lines once they have landed (other replays' stay).
DELETE FROM `experiments_analytics`.`experiments_cluster_replay`
WHERE
    replay_id = {replay_id:String}
