-- Staging has exactly the target's structure, so a finished partition moves into the
-- target with one atomic ALTER … PARTITION.
CREATE TABLE IF NOT EXISTS `default`.`events_full__chplan_staging` AS `default`.`events_full`
