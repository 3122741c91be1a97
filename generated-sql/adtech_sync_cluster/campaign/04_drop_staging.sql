-- Drops campaign's staging before a load (the next statement makes it anew): after a full
-- refresh it holds the old table, and a load killed midway may have left rows in it.
DROP TABLE IF EXISTS `analytics`.`dim_campaign__staging`
SYNC
