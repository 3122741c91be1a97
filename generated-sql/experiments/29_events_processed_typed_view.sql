-- Classified → events_processed_typed: the usable envelopes of events, their row typed.
-- An unchanged TOASTed value (Debezium's __debezium_unavailable_value) takes the row's earlier value:
-- from an earlier version in the same block, else from events_processed (read only for the keys of
-- the block that carry the placeholder). The rows are narrowed first (the JSON documents dropped,
-- the message kept only where it may be dead-lettered), so the window and the join move little.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`events_processed_typed_mv`
TO `experiments_analytics`.`events_processed_typed` AS
SELECT
    _line AS line,
    topic,
    offset,
    received_at,
    _op,
    _version,
    `_c_id`,
    `_c_user_id`,
    `_c_experiment_id`,
    `_c_variant_id`,
    `_c_event_type`,
    `_c_event_time`,
    `_c_page`,
    `_c_device`,
    `_c_value`,
    `_c_score`,
    `_c_revenue`,
    if(
        _pre != '',
        _pre,
        multiIf(
            `_u_user_id`,
            'unavailable value: user_id arrived as __debezium_unavailable_value (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from',
            `_u_event_type`,
            'unavailable value: event_type arrived as __debezium_unavailable_value (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from',
            `_u_page`,
            'unavailable value: properties arrived as __debezium_unavailable_value (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from',
            `_u_device`,
            'unavailable value: properties arrived as __debezium_unavailable_value (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from',
            `_u_value`,
            'unavailable value: properties arrived as __debezium_unavailable_value (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from',
            `_u_score`,
            'unavailable value: properties arrived as __debezium_unavailable_value (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from',
            `_u_revenue`,
            'unavailable value: revenue arrived as __debezium_unavailable_value (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from',
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
                AND NOT _superseded AS `_u_user_id`,
                if(
                    `_u_event_type`,
                    multiIf(
                        `_b_event_type` .1 > 0,
                        `_b_event_type` .2,
                        _known,
                        _p .2,
                        _superseded,
                        defaultValueOfTypeName('String'),
                        NULL
                    ),
                    `_c_event_type`
                ) AS `_c_event_type`,
                `_u_event_type`
                AND `_b_event_type` .1 = 0
                AND NOT _known
                AND NOT _superseded AS `_u_event_type`,
                if(
                    `_u_page`,
                    multiIf(`_b_page` .1 > 0, `_b_page` .2, _known, _p .3, _superseded, defaultValueOfTypeName('String'), NULL),
                    `_c_page`
                ) AS `_c_page`,
                `_u_page`
                AND `_b_page` .1 = 0
                AND NOT _known
                AND NOT _superseded AS `_u_page`,
                if(
                    `_u_device`,
                    multiIf(
                        `_b_device` .1 > 0,
                        `_b_device` .2,
                        _known,
                        _p .4,
                        _superseded,
                        defaultValueOfTypeName('String'),
                        NULL
                    ),
                    `_c_device`
                ) AS `_c_device`,
                `_u_device`
                AND `_b_device` .1 = 0
                AND NOT _known
                AND NOT _superseded AS `_u_device`,
                if(
                    `_u_value`,
                    multiIf(
                        `_b_value` .1 > 0,
                        `_b_value` .2,
                        _known,
                        _p .5,
                        _superseded,
                        defaultValueOfTypeName('Float64'),
                        NULL
                    ),
                    `_c_value`
                ) AS `_c_value`,
                `_u_value`
                AND `_b_value` .1 = 0
                AND NOT _known
                AND NOT _superseded AS `_u_value`,
                if(
                    `_u_score`,
                    multiIf(`_b_score` .1 > 0, `_b_score` .2, _known, _p .6, _superseded, defaultValueOfTypeName('Int32'), NULL),
                    `_c_score`
                ) AS `_c_score`,
                `_u_score`
                AND `_b_score` .1 = 0
                AND NOT _known
                AND NOT _superseded AS `_u_score`,
                if(
                    `_u_revenue`,
                    multiIf(
                        `_b_revenue` .1 > 0,
                        `_b_revenue` .2,
                        _known,
                        _p .7,
                        _superseded,
                        defaultValueOfTypeName('Decimal(10, 2)'),
                        NULL
                    ),
                    `_c_revenue`
                ) AS `_c_revenue`,
                `_u_revenue`
                AND `_b_revenue` .1 = 0
                AND NOT _known
                AND NOT _superseded AS `_u_revenue`
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
                            `experiments_analytics`.`experiments_truncations`
                        WHERE
                            source_table = 'events'
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
                    ) OVER earlier AS `_b_user_id`,
                    argMaxIf (
                        tuple(n._version, n.`_c_event_type`),
                        n._version,
                        NOT n.`_u_event_type`
                        AND n._op != 'd'
                    ) OVER earlier AS `_b_event_type`,
                    argMaxIf (
                        tuple(n._version, n.`_c_page`),
                        n._version,
                        NOT n.`_u_page`
                        AND n._op != 'd'
                    ) OVER earlier AS `_b_page`,
                    argMaxIf (
                        tuple(n._version, n.`_c_device`),
                        n._version,
                        NOT n.`_u_device`
                        AND n._op != 'd'
                    ) OVER earlier AS `_b_device`,
                    argMaxIf (
                        tuple(n._version, n.`_c_value`),
                        n._version,
                        NOT n.`_u_value`
                        AND n._op != 'd'
                    ) OVER earlier AS `_b_value`,
                    argMaxIf (
                        tuple(n._version, n.`_c_score`),
                        n._version,
                        NOT n.`_u_score`
                        AND n._op != 'd'
                    ) OVER earlier AS `_b_score`,
                    argMaxIf (
                        tuple(n._version, n.`_c_revenue`),
                        n._version,
                        NOT n.`_u_revenue`
                        AND n._op != 'd'
                    ) OVER earlier AS `_b_revenue`
                FROM
                    (
                        SELECT
                            if(
                                _pre = ''
                                AND NOT (
                                    `_u_user_id`
                                    OR `_u_event_type`
                                    OR `_u_page`
                                    OR `_u_device`
                                    OR `_u_value`
                                    OR `_u_score`
                                    OR `_u_revenue`
                                ),
                                '',
                                line
                            ) AS _line,
                            topic,
                            offset,
                            received_at,
                            _op,
                            _version,
                            `_c_id`,
                            `_c_user_id`,
                            `_c_experiment_id`,
                            `_c_variant_id`,
                            `_c_event_type`,
                            `_c_event_time`,
                            `_c_page`,
                            `_c_device`,
                            `_c_value`,
                            `_c_score`,
                            `_c_revenue`,
                            `_u_user_id`,
                            `_u_event_type`,
                            `_u_page`,
                            `_u_device`,
                            `_u_value`,
                            `_u_score`,
                            `_u_revenue`,
                            `_c_id` IN (
                                SELECT
                                    toUInt64OrNull(JSONExtract(_row, 'id', 'Nullable(String)'))
                                FROM
                                    `experiments_analytics`.`experiments_classified`
                                WHERE
                                    _reason = ''
                                    AND _table = 'events'
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
                                `_c_event_type` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_event_type`
                                AND (
                                    NOT JSONHas(_row, 'event_type')
                                    OR JSONType(_row, 'event_type') = 'Null'
                                ),
                                'missing field event_type',
                                `_c_event_type` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_event_type`
                                AND NOT (
                                    NOT JSONHas(_row, 'event_type')
                                    OR JSONType(_row, 'event_type') = 'Null'
                                ),
                                concat(
                                    'type: event_type is not LowCardinality(String): ',
                                    substring(JSONExtractRaw(_row, 'event_type'), 1, 100)
                                ),
                                `_c_event_time` IS NULL
                                AND _op != 'd'
                                AND (
                                    NOT JSONHas(_row, 'event_time')
                                    OR JSONType(_row, 'event_time') = 'Null'
                                ),
                                'missing field event_time',
                                `_c_event_time` IS NULL
                                AND _op != 'd'
                                AND NOT (
                                    NOT JSONHas(_row, 'event_time')
                                    OR JSONType(_row, 'event_time') = 'Null'
                                ),
                                concat(
                                    'type: event_time is not DateTime64(6, \'UTC\'): ',
                                    substring(JSONExtractRaw(_row, 'event_time'), 1, 100),
                                    if(
                                        _schema['event_time'] .1 = '',
                                        '',
                                        concat(
                                            ' (the schema declares ',
                                            _schema['event_time'] .1,
                                            if(_schema['event_time'] .2 = '', '', concat(', scale ', _schema['event_time'] .2)),
                                            ')'
                                        )
                                    )
                                ),
                                `_c_page` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_page`
                                AND NOT (
                                    NOT JSONHas(ifNull(_v.`properties`, ''), 'page')
                                    OR JSONType(ifNull(_v.`properties`, ''), 'page') = 'Null'
                                ),
                                concat(
                                    'type: properties.page is not String: ',
                                    substring(JSONExtractRaw(ifNull(_v.`properties`, ''), 'page'), 1, 100)
                                ),
                                `_c_device` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_device`
                                AND NOT (
                                    NOT JSONHas(ifNull(_v.`properties`, ''), 'device')
                                    OR JSONType(ifNull(_v.`properties`, ''), 'device') = 'Null'
                                ),
                                concat(
                                    'type: properties.device is not String: ',
                                    substring(JSONExtractRaw(ifNull(_v.`properties`, ''), 'device'), 1, 100)
                                ),
                                `_c_value` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_value`
                                AND NOT (
                                    NOT JSONHas(ifNull(_v.`properties`, ''), 'value')
                                    OR JSONType(ifNull(_v.`properties`, ''), 'value') = 'Null'
                                ),
                                concat(
                                    'type: properties.value is not Float64: ',
                                    substring(JSONExtractRaw(ifNull(_v.`properties`, ''), 'value'), 1, 100)
                                ),
                                `_c_score` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_score`
                                AND NOT (
                                    NOT JSONHas(ifNull(_v.`properties`, ''), 'score')
                                    OR JSONType(ifNull(_v.`properties`, ''), 'score') = 'Null'
                                ),
                                concat(
                                    'type: properties.score is not Int32: ',
                                    substring(JSONExtractRaw(ifNull(_v.`properties`, ''), 'score'), 1, 100)
                                ),
                                `_c_revenue` IS NULL
                                AND _op != 'd'
                                AND NOT `_u_revenue`
                                AND NOT (
                                    NOT JSONHas(_row, 'revenue')
                                    OR JSONType(_row, 'revenue') = 'Null'
                                ),
                                concat(
                                    'type: revenue is not Decimal(10, 2): ',
                                    substring(JSONExtractRaw(_row, 'revenue'), 1, 100),
                                    if(
                                        _schema['revenue'] .1 = '',
                                        '',
                                        concat(
                                            ' (the schema declares ',
                                            _schema['revenue'] .1,
                                            if(_schema['revenue'] .2 = '', '', concat(', scale ', _schema['revenue'] .2)),
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
                                        'Tuple(`id` Nullable(String), `user_id` Nullable(String), `experiment_id` Nullable(String), `variant_id` Nullable(String), `event_type` Nullable(String), `event_time` Nullable(String), `revenue` Nullable(String), `properties` Nullable(String))'
                                    ) AS _v,
                                    JSONExtract(
                                        ifNull(_v.`properties`, ''),
                                        'Tuple(`page` Nullable(String), `device` Nullable(String), `value` Nullable(String), `score` Nullable(String))'
                                    ) AS _j0,
                                    toUInt64OrNull(_v.`id`) AS `_c_id`,
                                    _v.`user_id` AS `_c_user_id`,
                                    toUInt32OrNull(_v.`experiment_id`) AS `_c_experiment_id`,
                                    toUInt32OrNull(_v.`variant_id`) AS `_c_variant_id`,
                                    _v.`event_type` AS `_c_event_type`,
                                    multiIf(
                                        _schema['event_time'] .1 IN ('io.debezium.time.Timestamp', 'org.apache.kafka.connect.data.Timestamp'),
                                        arrayMap(
                                            sent -> multiIf(
                                                sent = toInt64('9223372036825200'),
                                                toDateTime64('2299-12-31 23:59:59.999999', 6, 'UTC'),
                                                sent = toInt64('-9223372036832400'),
                                                toDateTime64('1900-01-01 00:00:00', 6, 'UTC'),
                                                if(sent BETWEEN -2208988800000 AND 10413791999999, fromUnixTimestamp64Micro(sent * 1000, 'UTC'), NULL)
                                            ),
                                            [toInt64OrNull(_v.`event_time`)]
                                        ) [1],
                                        _schema['event_time'] .1 IN ('io.debezium.time.MicroTimestamp'),
                                        arrayMap(
                                            sent -> multiIf(
                                                sent = toInt64('9223372036825200000'),
                                                toDateTime64('2299-12-31 23:59:59.999999', 6, 'UTC'),
                                                sent = toInt64('-9223372036832400000'),
                                                toDateTime64('1900-01-01 00:00:00', 6, 'UTC'),
                                                if(sent BETWEEN -2208988800000000 AND 10413791999999999, fromUnixTimestamp64Micro(sent, 'UTC'), NULL)
                                            ),
                                            [toInt64OrNull(_v.`event_time`)]
                                        ) [1],
                                        _schema['event_time'] .1 IN ('io.debezium.time.NanoTimestamp'),
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
                                            [toInt64OrNull(_v.`event_time`)]
                                        ) [1],
                                        _schema['event_time'] .1 IN ('io.debezium.time.ZonedTimestamp', ''),
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
                                            [_v.`event_time`]
                                        ) [1],
                                        NULL
                                    ) AS `_c_event_time`,
                                    _j0.`page` AS `_c_page`,
                                    _j0.`device` AS `_c_device`,
                                    if(
                                        isFinite(toFloat64OrNull(_j0.`value`))
                                        OR _j0.`value` IN ('NaN', 'Infinity', '-Infinity'),
                                        toFloat64OrNull(_j0.`value`),
                                        NULL
                                    ) AS `_c_value`,
                                    toInt32OrNull(_j0.`score`) AS `_c_score`,
                                    multiIf(
                                        _schema['revenue'] .1 IN ('org.apache.kafka.connect.data.Decimal'),
                                        arrayFilter(
                                            v -> reinterpret(v, 'Int64') BETWEEN toInt64('-9999999999') AND toInt64('9999999999'),
                                            [
                                                accurateCastOrNull(
                                                    reinterpret(
                                                        accurateCastOrNull(
                                                            multiIf(
                                                                (toInt32OrNull(_schema['revenue'] .2) AS `_dec_revenue_base64_at_scale`) IS NULL
                                                                OR `_dec_revenue_base64_at_scale` < 0,
                                                                NULL,
                                                                `_dec_revenue_base64_at_scale` = 2,
                                                                (
                                                                    toInt256(
                                                                        if(
                                                                            empty((tryBase64Decode(_v.`revenue`) AS `_dec_revenue_base64_at_bytes`))
                                                                            OR length(`_dec_revenue_base64_at_bytes`) > 16,
                                                                            NULL,
                                                                            reinterpretAsInt128(
                                                                                reverse(
                                                                                    if(
                                                                                        reinterpretAsUInt8(substring(`_dec_revenue_base64_at_bytes`, 1, 1)) >= 128,
                                                                                        leftPad(`_dec_revenue_base64_at_bytes`, 16, unhex('FF')),
                                                                                        leftPad(`_dec_revenue_base64_at_bytes`, 16, unhex('00'))
                                                                                    )
                                                                                )
                                                                            )
                                                                        )
                                                                    ) AS `_dec_revenue_base64_at_unscaled`
                                                                ),
                                                                `_dec_revenue_base64_at_scale` < 2,
                                                                `_dec_revenue_base64_at_unscaled` * (
                                                                    toInt256(intExp10(least(greatest(2 - `_dec_revenue_base64_at_scale`, 0), 19))) * intExp10(greatest((greatest(2 - `_dec_revenue_base64_at_scale`, 0)) - 19, 0))
                                                                ),
                                                                `_dec_revenue_base64_at_scale` - 2 > 38,
                                                                if(`_dec_revenue_base64_at_unscaled` = 0, `_dec_revenue_base64_at_unscaled`, NULL),
                                                                `_dec_revenue_base64_at_unscaled` % (
                                                                    toInt256(intExp10(least(least(greatest(`_dec_revenue_base64_at_scale` - 2, 0), 38), 19))) * intExp10(greatest((least(greatest(`_dec_revenue_base64_at_scale` - 2, 0), 38)) - 19, 0))
                                                                ) = 0,
                                                                intDiv(
                                                                    `_dec_revenue_base64_at_unscaled`,
                                                                    (
                                                                        toInt256(intExp10(least(least(greatest(`_dec_revenue_base64_at_scale` - 2, 0), 38), 19))) * intExp10(greatest((least(greatest(`_dec_revenue_base64_at_scale` - 2, 0), 38)) - 19, 0))
                                                                    )
                                                                ),
                                                                NULL
                                                            ),
                                                            'Int128'
                                                        ),
                                                        'Decimal(38, 2)'
                                                    ),
                                                    'Decimal(10, 2)'
                                                )
                                            ]
                                        ) [1],
                                        _schema['revenue'] .1 IN ('io.debezium.data.VariableScaleDecimal'),
                                        arrayFilter(
                                            v -> reinterpret(v, 'Int64') BETWEEN toInt64('-9999999999') AND toInt64('9999999999'),
                                            [
                                                accurateCastOrNull(
                                                    reinterpret(
                                                        accurateCastOrNull(
                                                            multiIf(
                                                                (JSONExtract(_v.`revenue`, 'scale', 'Nullable(Int32)') AS `_dec_revenue_variable_scale_scale`) IS NULL
                                                                OR `_dec_revenue_variable_scale_scale` < 0,
                                                                NULL,
                                                                `_dec_revenue_variable_scale_scale` = 2,
                                                                (
                                                                    toInt256(
                                                                        if(
                                                                            empty(
                                                                                (
                                                                                    tryBase64Decode(JSONExtract(_v.`revenue`, 'value', 'Nullable(String)')) AS `_dec_revenue_variable_scale_bytes`
                                                                                )
                                                                            )
                                                                            OR length(`_dec_revenue_variable_scale_bytes`) > 16,
                                                                            NULL,
                                                                            reinterpretAsInt128(
                                                                                reverse(
                                                                                    if(
                                                                                        reinterpretAsUInt8(substring(`_dec_revenue_variable_scale_bytes`, 1, 1)) >= 128,
                                                                                        leftPad(`_dec_revenue_variable_scale_bytes`, 16, unhex('FF')),
                                                                                        leftPad(`_dec_revenue_variable_scale_bytes`, 16, unhex('00'))
                                                                                    )
                                                                                )
                                                                            )
                                                                        )
                                                                    ) AS `_dec_revenue_variable_scale_unscaled`
                                                                ),
                                                                `_dec_revenue_variable_scale_scale` < 2,
                                                                `_dec_revenue_variable_scale_unscaled` * (
                                                                    toInt256(intExp10(least(greatest(2 - `_dec_revenue_variable_scale_scale`, 0), 19))) * intExp10(greatest((greatest(2 - `_dec_revenue_variable_scale_scale`, 0)) - 19, 0))
                                                                ),
                                                                `_dec_revenue_variable_scale_scale` - 2 > 38,
                                                                if(`_dec_revenue_variable_scale_unscaled` = 0, `_dec_revenue_variable_scale_unscaled`, NULL),
                                                                `_dec_revenue_variable_scale_unscaled` % (
                                                                    toInt256(intExp10(least(least(greatest(`_dec_revenue_variable_scale_scale` - 2, 0), 38), 19))) * intExp10(greatest((least(greatest(`_dec_revenue_variable_scale_scale` - 2, 0), 38)) - 19, 0))
                                                                ) = 0,
                                                                intDiv(
                                                                    `_dec_revenue_variable_scale_unscaled`,
                                                                    (
                                                                        toInt256(intExp10(least(least(greatest(`_dec_revenue_variable_scale_scale` - 2, 0), 38), 19))) * intExp10(greatest((least(greatest(`_dec_revenue_variable_scale_scale` - 2, 0), 38)) - 19, 0))
                                                                    )
                                                                ),
                                                                NULL
                                                            ),
                                                            'Int128'
                                                        ),
                                                        'Decimal(38, 2)'
                                                    ),
                                                    'Decimal(10, 2)'
                                                )
                                            ]
                                        ) [1],
                                        _schema['revenue'] .1 = '',
                                        arrayFilter(
                                            v -> reinterpret(v, 'Int64') BETWEEN toInt64('-9999999999') AND toInt64('9999999999'),
                                            [
                                                accurateCastOrNull(
                                                    reinterpret(
                                                        if(
                                                            empty((tryBase64Decode(_v.`revenue`) AS `_dec_revenue_base64_bytes`))
                                                            OR length(`_dec_revenue_base64_bytes`) > 16,
                                                            NULL,
                                                            reinterpretAsInt128(
                                                                reverse(
                                                                    if(
                                                                        reinterpretAsUInt8(substring(`_dec_revenue_base64_bytes`, 1, 1)) >= 128,
                                                                        leftPad(`_dec_revenue_base64_bytes`, 16, unhex('FF')),
                                                                        leftPad(`_dec_revenue_base64_bytes`, 16, unhex('00'))
                                                                    )
                                                                )
                                                            )
                                                        ),
                                                        'Decimal(38, 2)'
                                                    ),
                                                    'Decimal(10, 2)'
                                                )
                                            ]
                                        ) [1],
                                        NULL
                                    ) AS `_c_revenue`,
                                    (
                                        _op != 'd'
                                        AND ifNull(
                                            _v.`user_id` IN ('__debezium_unavailable_value', '{"__debezium_unavailable_value":"__debezium_unavailable_value"}'),
                                            false
                                        )
                                    ) AS `_u_user_id`,
                                    (
                                        _op != 'd'
                                        AND ifNull(
                                            _v.`event_type` IN ('__debezium_unavailable_value', '{"__debezium_unavailable_value":"__debezium_unavailable_value"}'),
                                            false
                                        )
                                    ) AS `_u_event_type`,
                                    (
                                        _op != 'd'
                                        AND ifNull(
                                            _v.`properties` IN ('__debezium_unavailable_value', '{"__debezium_unavailable_value":"__debezium_unavailable_value"}'),
                                            false
                                        )
                                    ) AS `_u_page`,
                                    (
                                        _op != 'd'
                                        AND ifNull(
                                            _v.`properties` IN ('__debezium_unavailable_value', '{"__debezium_unavailable_value":"__debezium_unavailable_value"}'),
                                            false
                                        )
                                    ) AS `_u_device`,
                                    (
                                        _op != 'd'
                                        AND ifNull(
                                            _v.`properties` IN ('__debezium_unavailable_value', '{"__debezium_unavailable_value":"__debezium_unavailable_value"}'),
                                            false
                                        )
                                    ) AS `_u_value`,
                                    (
                                        _op != 'd'
                                        AND ifNull(
                                            _v.`properties` IN ('__debezium_unavailable_value', '{"__debezium_unavailable_value":"__debezium_unavailable_value"}'),
                                            false
                                        )
                                    ) AS `_u_score`,
                                    (
                                        _op != 'd'
                                        AND ifNull(
                                            _v.`revenue` = '__debezium_unavailable_value'
                                            OR position(_v.`revenue`, 'X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==') > 0,
                                            false
                                        )
                                    ) AS `_u_revenue`
                                FROM
                                    `experiments_analytics`.`experiments_classified`
                                WHERE
                                    _reason = ''
                                    AND _table = 'events'
                                    AND _op != 't'
                            )
                    ) AS n
                    LEFT JOIN (
                        SELECT
                            `id`,
                            argMax(tuple(`user_id`, `event_type`, `page`, `device`, `value`, `score`, `revenue`), `_version`) AS _p,
                            max(`_version`) AS _p_version,
                            argMax(`_deleted`, `_version`) AS _p_deleted
                        FROM
                            `experiments_analytics`.`events_processed`
                        WHERE
                            `id` IN (
                                SELECT
                                    toUInt64OrNull(JSONExtract(_row, 'id', 'Nullable(String)'))
                                FROM
                                    `experiments_analytics`.`experiments_classified`
                                WHERE
                                    _reason = ''
                                    AND _table = 'events'
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
COMMENT 'chplan definition 533b8918bff9a91e'
