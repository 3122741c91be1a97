-- Drops this replay's staging table once its lines have landed, or the replay failed; before a
-- replay, the tables that killed replays left, and the one an earlier chplan's set-up shared.
DROP TABLE IF EXISTS `experiments_analytics`.{replay:Identifier}
SYNC
