-- Staging has exactly the target's structure, so a finished day can move into the
-- target with one atomic REPLACE PARTITION. Its parts under 128 MiB (uncompressed) are written
-- compact, all columns in one file, where a wide part writes two files and a buffer per column:
-- an hour chunk of a target of hundreds of columns is written faster and in less memory. A whole
-- day's parts stay wide, and merged parts take the target's own format.
CREATE TABLE IF NOT EXISTS `default`.`flat__chplan_staging` AS `default`.`flat`
SETTINGS
    min_bytes_for_wide_part = 134217728
