-- Analysts' view: the target with every metric under its original key name.
-- Keys that are empty or clash with another column name get a suffix (see PLAN.md).
CREATE OR REPLACE VIEW `default`.`flat_named` AS
SELECT
    `timestampMs`,
    `clientId`,
    `sessionId`,
    `customerId`,
    `platform`,
    `int1` AS `(empty int key)`,
    `int2` AS `it's`,
    `int3` AS `new\nline ``tick`` \\`,
    `float1` AS `😀`
FROM
    `default`.`flat`
