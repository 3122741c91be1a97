-- Staging has exactly the target's structure, so a finished day can move into the
-- target with one atomic REPLACE PARTITION.
CREATE TABLE IF NOT EXISTS `default`.`flat__chplan_staging`
ON CLUSTER `prod_cluster` AS `default`.`flat`
