-- Migration: the columns this mapping adds to a target loaded with the previous mapping.
-- Existing rows read 0 in them; IF NOT EXISTS makes the file safe to apply again.
-- Spare columns that now hold a key get that key as their comment.
ALTER TABLE `default`.`flat`
ON CLUSTER `prod_cluster`
COMMENT COLUMN `int3` 'new\nline `tick` \\',
ADD COLUMN IF NOT EXISTS `int4` Int32 DEFAULT 0 COMMENT 'free: reserved for a future key',
ADD COLUMN IF NOT EXISTS `float1` Float32 DEFAULT 0 COMMENT '😀'
