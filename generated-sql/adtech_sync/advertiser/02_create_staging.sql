-- Staging for advertiser: the same structure and engine as dim_advertiser. A load lands
-- here first; a full refresh fills it completely and swaps it with the target.
CREATE TABLE IF NOT EXISTS `analytics`.`dim_advertiser__staging` AS `analytics`.`dim_advertiser`
