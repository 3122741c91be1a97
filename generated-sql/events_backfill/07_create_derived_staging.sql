-- `default`.`events_core` is written by the materialized view `default`.`events_core_mv` on every insert into
-- the target; a partition published with REPLACE/ATTACH bypasses the view, so the plan builds
-- the derived partition beside it, in staging with the derived table's structure.
CREATE TABLE IF NOT EXISTS `default`.`events_core__chplan_staging` AS `default`.`events_core`
