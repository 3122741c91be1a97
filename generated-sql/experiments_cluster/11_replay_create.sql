-- chplan replay, on an engine that can read the file itself: a staging table of the replay's own,
-- {replay:Identifier} = experiments_cluster_replay_<replay id>, for the dump's lines numbered in file order
-- with their length in bytes, so that they land in the landing table a block at a time, each block
-- its own insert (as a Kafka table hands over each poll). The replay drops it when it ends, however
-- it ends: replays at once never share one, and removing a replay's lines costs nothing. A replay
-- whose process was killed leaves its table behind, and the next replay drops it (no other process
-- can have the embedded engine's data directory open, so a replay table none of its own replays
-- uses is a leftover).
CREATE TABLE `experiments_analytics`.{replay:Identifier} (`seq` UInt64, `line` String, `bytes` UInt64) ENGINE = MergeTree
ORDER BY
    seq
