-- Staging has exactly the target's structure, so a finished day can move into the
-- target with one atomic REPLACE PARTITION.
CREATE TABLE IF NOT EXISTS `default`.`eco_cross_page_preagg_pt1m__chplan_staging` AS `default`.`eco_cross_page_preagg_pt1m`
