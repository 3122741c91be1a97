-- Empties staging before a load, so a load killed midway leaves nothing behind that counts.
TRUNCATE TABLE IF EXISTS `analytics`.`fact_clicks__staging`
