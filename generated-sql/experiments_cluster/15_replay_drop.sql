-- Drops this replay's staging table once its lines have landed, or the replay failed.
DROP TABLE IF EXISTS `experiments_analytics`.{replay:Identifier}
SYNC
