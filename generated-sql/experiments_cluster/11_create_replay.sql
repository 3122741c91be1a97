-- Replay staging: a dump's lines numbered in file order, so that they land in the landing table a
-- block at a time, each block its own insert (as a Kafka table hands over each poll). Each replay
-- stages under its own id, so replays at once do not touch each other's lines.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_cluster_replay` (`replay_id` String, `seq` UInt64, `line` String) ENGINE = MergeTree
ORDER BY
    (replay_id, seq)
COMMENT 'chplan definition f8c4d09ed3e7dea9'
