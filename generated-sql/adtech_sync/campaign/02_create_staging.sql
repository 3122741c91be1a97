-- Staging for campaign: the same structure and engine as dim_campaign. A load lands
-- here first; a full refresh fills it completely and swaps it with the target.
CREATE TABLE IF NOT EXISTS `analytics`.`dim_campaign__staging` AS `analytics`.`dim_campaign`
