-- Staging for clicks: the same structure and engine as fact_clicks. A load lands
-- here first; a full refresh fills it completely and swaps it with the target.
CREATE TABLE IF NOT EXISTS `analytics`.`fact_clicks__staging` AS `analytics`.`fact_clicks`
