-- Staging for impressions: the same structure and engine as fact_impressions. A load lands
-- here first; a full refresh fills it completely and swaps it with the target.
CREATE TABLE IF NOT EXISTS `analytics`.`fact_impressions__staging` AS `analytics`.`fact_impressions`
