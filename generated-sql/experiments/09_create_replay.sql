-- Replay staging: a dump's lines numbered in file order, so that they land in the landing table a
-- block at a time, each block its own insert (as a Kafka table hands over each poll).
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_replay` (`seq` UInt64, `line` String) ENGINE = MergeTree
ORDER BY
    seq
COMMENT 'chplan definition 1fd5e4e4975b13cb'
