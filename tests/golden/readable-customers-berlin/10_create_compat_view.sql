-- Compatibility view: the old Map columns rebuilt from the flat columns (non-zero
-- entries only) next to the original dimension columns, so queries written for the
-- source run unchanged at minute grain. A key found in several maps appears in the
-- first of them only, so sums over all maps stay exact.
CREATE OR REPLACE VIEW `default`.`flat_compat` AS
SELECT
    `timestampMs`,
    `clientId`,
    `sessionId`,
    `customerId`,
    `platform`,
    mapFilter((k, v) -> v != 0, mapFromArrays(['', 'it\'s'], [CAST(`int1`, 'Int32'), CAST(`int2`, 'Int32')])) AS `metricIntGroup1`,
    mapFilter((k, v) -> v != 0, mapFromArrays(['new\nline `tick` \\'], [CAST(`int3`, 'UInt64')])) AS `metricIntGroup2`,
    mapFilter((k, v) -> v != 0, mapFromArrays(['😀'], [CAST(`float1`, 'Float32')])) AS `metricFloatGroup1`
FROM
    `default`.`flat`
