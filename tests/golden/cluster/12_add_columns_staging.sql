-- Migration: the same columns on staging, which must keep the target's exact structure.
ALTER TABLE `default`.`flat__chplan_staging`
ON CLUSTER `prod_cluster`
COMMENT COLUMN `int3` 'new\nline `tick` \\',
ADD COLUMN IF NOT EXISTS `int4` Int32 DEFAULT 0 COMMENT 'free: reserved for a future key',
ADD COLUMN IF NOT EXISTS `float1` Float32 DEFAULT 0 COMMENT '😀'
