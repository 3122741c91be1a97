-- Records which key each column of the target holds, for the columns not registered yet. A later
-- plan that would put another key into a registered column is refused before it writes.
INSERT INTO
    `default`.`chplan_mappings` (target, kind, column, key, mapping_hash, mapping_version, registered_at)
SELECT
    'default.flat',
    tupleElement(e, 1),
    tupleElement(e, 2),
    tupleElement(e, 3),
    '286d9ba524e6344d4304506ba6118062371556c2daec029a476b8cdd7b34aeb8',
    1,
    now64(3, 'UTC')
FROM
    (
        SELECT
            arrayJoin(
                [
                    ('int', 'int1', ''),
                    ('int', 'int2', 'it\'s'),
                    ('int', 'int3', 'new\nline `tick` \\'),
                    ('float', 'float1', '😀')
                ]
            ) AS e
    )
WHERE
    (tupleElement(e, 1), tupleElement(e, 2)) NOT IN (
        SELECT
            kind,
            column
        FROM
            `default`.`chplan_mappings`
        WHERE
            target = 'default.flat'
    )
