-- Classified → assignments_processed_typed: the usable envelopes of assignments, their row typed.
-- An unchanged TOASTed value (Debezium's __debezium_unavailable_value) takes the row's earlier value:
-- from an earlier version in the same block, else from assignments_processed (read only for the keys of
-- the block that carry the placeholder). The rows are narrowed first (the JSON documents dropped,
-- the message kept only where it may be dead-lettered), so the window and the join move little.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`assignments_processed_typed_mv`
ON CLUSTER `experiments`
TO `experiments_analytics`.`assignments_processed_typed` AS
SELECT
    _line AS line,
    topic,
    offset,
    received_at,
    _op,
    _version,
    `_c_id`,
    `_c_experiment_id`,
    `_c_variant_id`,
    `_c_user_id`,
    `_c_assigned_at`,
    if(
        _pre != '',
        _pre,
        multiIf(
            `_u_user_id`,
            'unavailable value: user_id arrived as __debezium_unavailable_value (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from',
            ''
        )
    ) AS _reason
FROM
    (
        SELECT
            * REPLACE(
                if(
                    `_u_user_id`,
                    multiIf(
                        `_b_user_id` .1 > 0,
                        `_b_user_id` .2,
                        _known,
                        _p .1,
                        _superseded,
                        defaultValueOfTypeName('String'),
                        NULL
                    ),
                    `_c_user_id`
                ) AS `_c_user_id`,
                `_u_user_id`
                AND `_b_user_id` .1 = 0
                AND NOT _known
                AND NOT _superseded AS `_u_user_id`
            )
        FROM
            (
                SELECT
                    n.*,
                    p._p AS _p,
                    (
                        SELECT
                            max(version)
                        FROM
                            `experiments_analytics`.`experiments_cluster_truncations_all`
                        WHERE
                            source_table = 'assignments'
                    ) AS _truncated,
                    (
                        p._p_version > 0
                        AND p._p_deleted = 0
                        AND p._p_version > _truncated
                    ) AS _known,
                    (
                        max(n._version) OVER whole > n._version
                        OR p._p_version >= n._version
                        OR n._version <= _truncated
                    ) AS _superseded,
                    argMaxIf (
                        tuple(n._version, n.`_c_user_id`),
                        n._version,
                        NOT n.`_u_user_id`
                        AND n._op != 'd'
                    ) OVER earlier AS `_b_user_id`
                FROM
                    (
                        SELECT
                            if(
                                _pre = ''
                                AND NOT (`_u_user_id`),
                                '',
                                line
                            ) AS _line,
                            topic,
                            offset,
                            received_at,
                            _op,
                            _version,
                            `_c_id`,
                            `_c_experiment_id`,
                            `_c_variant_id`,
                            `_c_user_id`,
                            `_c_assigned_at`,
                            `_u_user_id`,
                            `_c_id` IN (
                                SELECT
                                    toUInt64OrNull(JSONExtract(_row, 'id', 'Nullable(String)'))
                                FROM
                                    `experiments_analytics`.`experiments_cluster_classified`
                                WHERE
                                    _reason = ''
                                    AND _table = 'assignments'
                                    AND _op IN ('c', 'u', 'r')
                                    AND multiSearchAny(
                                        _row,
                                        [
                                            '__debezium_unavailable_value',
                                            'X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==',
                                            'b68a35a7-17ad-35b3-af2a-ae46edb4545a',
                                            '95,95,100,101,98,101,122,105,117,109,95,117,110,97,118,97,105,108,97,98,108,101,95,118,97,108,117,101'
                                        ]
                                    )
                            ) AS _toasted,
                            multiIf(
                                `_c_id` IS NULL
                                AND (
                                    NOT JSONHas(_row, 'id')
                                    OR JSONType(_row, 'id') = 'Null'
                                ),
                                'missing field id',
                                `_c_id` IS NULL
                                AND NOT (
                                    NOT JSONHas(_row, 'id')
                                    OR JSONType(_row, 'id') = 'Null'
                                ),
                                concat('type: id is not UInt64: ', substring(JSONExtractRaw(_row, 'id'), 1, 100)),
                                `_c_experiment_id` IS NULL
                                AND _op != 'd'
                                AND (
                                    NOT JSONHas(_row, 'experiment_id')
                                    OR JSONType(_row, 'experiment_id') = 'Null'
                                ),
                                'missing field experiment_id',
                                `_c_experiment_id` IS NULL
                                AND _op != 'd'
                                AND NOT (
                                    NOT JSONHas(_row, 'experiment_id')
                                    OR JSONType(_row, 'experiment_id') = 'Null'
                                ),
                                concat('type: experiment_id is not UInt32: ', substring(JSONExtractRaw(_row, 'experiment_id'), 1, 100)),
                                `_c_variant_id` IS NULL
                                AND _op != 'd'
                                AND (
                                    NOT JSONHas(_row, 'variant_id')
                                    OR JSONType(_row, 'variant_id') = 'Null'
                                ),
                                'missing field variant_id',
                                `_c_variant_id` IS NULL
                                AND _op != 'd'
                                AND NOT (
                                    NOT JSONHas(_row, 'variant_id')
                                    OR JSONType(_row, 'variant_id') = 'Null'
                                ),
                                concat('type: variant_id is not UInt32: ', substring(JSONExtractRaw(_row, 'variant_id'), 1, 100)),
                                `_c_user_id` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_user_id`
                                AND (
                                    NOT JSONHas(_row, 'user_id')
                                    OR JSONType(_row, 'user_id') = 'Null'
                                ),
                                'missing field user_id',
                                `_c_user_id` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_user_id`
                                AND NOT (
                                    NOT JSONHas(_row, 'user_id')
                                    OR JSONType(_row, 'user_id') = 'Null'
                                ),
                                concat('type: user_id is not String: ', substring(JSONExtractRaw(_row, 'user_id'), 1, 100)),
                                `_c_assigned_at` IS NULL
                                AND _op != 'd'
                                AND (
                                    NOT JSONHas(_row, 'assigned_at')
                                    OR JSONType(_row, 'assigned_at') = 'Null'
                                ),
                                'missing field assigned_at',
                                `_c_assigned_at` IS NULL
                                AND _op != 'd'
                                AND NOT (
                                    NOT JSONHas(_row, 'assigned_at')
                                    OR JSONType(_row, 'assigned_at') = 'Null'
                                ),
                                concat(
                                    'type: assigned_at is not DateTime64(6, \'UTC\'): ',
                                    substring(JSONExtractRaw(_row, 'assigned_at'), 1, 100),
                                    if(
                                        _schema['assigned_at'] .1 = '',
                                        '',
                                        concat(
                                            ' (the schema declares ',
                                            _schema['assigned_at'] .1,
                                            if(_schema['assigned_at'] .2 = '', '', concat(', scale ', _schema['assigned_at'] .2)),
                                            ')'
                                        )
                                    )
                                ),
                                ''
                            ) AS _pre
                        FROM
                            (
                                SELECT
                                    line,
                                    topic,
                                    offset,
                                    received_at,
                                    _op,
                                    assumeNotNull(_version) AS _version,
                                    _row,
                                    _schema,
                                    JSONExtract(
                                        _row,
                                        'Tuple(`id` Nullable(String), `experiment_id` Nullable(String), `variant_id` Nullable(String), `user_id` Nullable(String), `assigned_at` Nullable(String))'
                                    ) AS _v,
                                    toUInt64OrNull(_v.`id`) AS `_c_id`,
                                    toUInt32OrNull(_v.`experiment_id`) AS `_c_experiment_id`,
                                    toUInt32OrNull(_v.`variant_id`) AS `_c_variant_id`,
                                    _v.`user_id` AS `_c_user_id`,
                                    multiIf(
                                        _schema['assigned_at'] .1 IN ('io.debezium.time.Timestamp', 'org.apache.kafka.connect.data.Timestamp'),
                                        arrayMap(
                                            sent -> multiIf(
                                                sent = toInt64('9223372036825200'),
                                                toDateTime64('2299-12-31 23:59:59.999999', 6, 'UTC'),
                                                sent = toInt64('-9223372036832400'),
                                                toDateTime64('1900-01-01 00:00:00', 6, 'UTC'),
                                                if(sent BETWEEN -2208988800000 AND 10413791999999, fromUnixTimestamp64Micro(sent * 1000, 'UTC'), NULL)
                                            ),
                                            [toInt64OrNull(_v.`assigned_at`)]
                                        ) [1],
                                        _schema['assigned_at'] .1 IN ('io.debezium.time.MicroTimestamp'),
                                        arrayMap(
                                            sent -> multiIf(
                                                sent = toInt64('9223372036825200000'),
                                                toDateTime64('2299-12-31 23:59:59.999999', 6, 'UTC'),
                                                sent = toInt64('-9223372036832400000'),
                                                toDateTime64('1900-01-01 00:00:00', 6, 'UTC'),
                                                if(sent BETWEEN -2208988800000000 AND 10413791999999999, fromUnixTimestamp64Micro(sent, 'UTC'), NULL)
                                            ),
                                            [toInt64OrNull(_v.`assigned_at`)]
                                        ) [1],
                                        _schema['assigned_at'] .1 IN ('io.debezium.time.NanoTimestamp'),
                                        arrayMap(
                                            sent -> multiIf(
                                                sent = toInt64('9223372036854775807'),
                                                toDateTime64('2299-12-31 23:59:59.999999', 6, 'UTC'),
                                                sent = toInt64('-9223372036854775808'),
                                                toDateTime64('1900-01-01 00:00:00', 6, 'UTC'),
                                                CAST(
                                                    if(
                                                        sent BETWEEN -2208988800000000000 AND 9223372036854775807
                                                        AND sent % 1000 = 0,
                                                        fromUnixTimestamp64Nano(sent, 'UTC'),
                                                        NULL
                                                    ),
                                                    'Nullable(DateTime64(6, \'UTC\'))'
                                                )
                                            ),
                                            [toInt64OrNull(_v.`assigned_at`)]
                                        ) [1],
                                        _schema['assigned_at'] .1 IN ('io.debezium.time.ZonedTimestamp', ''),
                                        arrayMap(
                                            sent -> multiIf(
                                                sent = 'infinity',
                                                toDateTime64('2299-12-31 23:59:59.999999', 6, 'UTC'),
                                                sent = '-infinity',
                                                toDateTime64('1900-01-01 00:00:00', 6, 'UTC'),
                                                if(
                                                    match(
                                                        sent,
                                                        '^\\d{4}-\\d{2}-\\d{2}([T ]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,6})?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)?)?$'
                                                    )
                                                    AND (
                                                        toString(toDate32OrNull(substring(sent, 1, 10))) = substring(sent, 1, 10)
                                                        OR substring(sent, 1, 10) IN ('1899-12-31', '2300-01-01')
                                                    ),
                                                    if(
                                                        toDate32(parseDateTime64BestEffortOrNull(sent, 6, 'UTC')) >= toDate32('1900-01-01')
                                                        AND toDate32(parseDateTime64BestEffortOrNull(sent, 6, 'UTC')) <= toDate32('2299-12-31'),
                                                        parseDateTime64BestEffortOrNull(sent, 6, 'UTC'),
                                                        NULL
                                                    ),
                                                    NULL
                                                )
                                            ),
                                            [_v.`assigned_at`]
                                        ) [1],
                                        NULL
                                    ) AS `_c_assigned_at`,
                                    (
                                        _op != 'd'
                                        AND ifNull(
                                            _v.`user_id` IN ('__debezium_unavailable_value', '{"__debezium_unavailable_value":"__debezium_unavailable_value"}'),
                                            false
                                        )
                                    ) AS `_u_user_id`
                                FROM
                                    `experiments_analytics`.`experiments_cluster_classified`
                                WHERE
                                    _reason = ''
                                    AND _table = 'assignments'
                                    AND _op != 't'
                            )
                    ) AS n
                    LEFT JOIN (
                        SELECT
                            `id`,
                            argMax(tuple(`user_id`), `_version`) AS _p,
                            max(`_version`) AS _p_version,
                            argMax(`_deleted`, `_version`) AS _p_deleted
                        FROM
                            `experiments_analytics`.`assignments_processed`
                        WHERE
                            `id` IN (
                                SELECT
                                    toUInt64OrNull(JSONExtract(_row, 'id', 'Nullable(String)'))
                                FROM
                                    `experiments_analytics`.`experiments_cluster_classified`
                                WHERE
                                    _reason = ''
                                    AND _table = 'assignments'
                                    AND _op IN ('c', 'u', 'r')
                                    AND multiSearchAny(
                                        _row,
                                        [
                                            '__debezium_unavailable_value',
                                            'X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==',
                                            'b68a35a7-17ad-35b3-af2a-ae46edb4545a',
                                            '95,95,100,101,98,101,122,105,117,109,95,117,110,97,118,97,105,108,97,98,108,101,95,118,97,108,117,101'
                                        ]
                                    )
                            )
                        GROUP BY
                            `id`
                    ) AS p ON p.`id` = n.`_c_id`
                WINDOW
                    earlier AS (
                        PARTITION BY
                            if(n._toasted, n.`_c_id`, NULL)
                        ORDER BY
                            if(n._toasted, n._version, 0) ROWS BETWEEN UNBOUNDED PRECEDING
                            AND 1 PRECEDING
                    ),
                    whole AS (
                        PARTITION BY
                            if(n._toasted, n.`_c_id`, NULL)
                        ORDER BY
                            if(n._toasted, n._version, 0) ROWS BETWEEN UNBOUNDED PRECEDING
                            AND UNBOUNDED FOLLOWING
                    )
            )
    )
COMMENT 'chplan definition 35117b1b610689ad'
