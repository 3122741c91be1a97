-- Landing → events_processed: the usable events messages, typed. A delete takes its key from
-- `before`; every other message its row from `after`.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`events_processed_mv`
TO `experiments_analytics`.`events_processed` AS
SELECT
    CAST(
        assumeNotNull(
            if(
                JSONType(_row, 'id') IN ('Int64', 'UInt64'),
                accurateCastOrNull(JSONExtractRaw(_row, 'id'), 'UInt64'),
                NULL
            )
        ),
        'UInt64'
    ) AS `id`,
    CAST(
        assumeNotNull(if(JSONType(_row, 'user_id') = 'String', JSONExtractString(_row, 'user_id'), NULL)),
        'String'
    ) AS `user_id`,
    CAST(
        assumeNotNull(
            if(
                JSONType(_row, 'experiment_id') IN ('Int64', 'UInt64'),
                accurateCastOrNull(JSONExtractRaw(_row, 'experiment_id'), 'UInt32'),
                NULL
            )
        ),
        'UInt32'
    ) AS `experiment_id`,
    CAST(
        assumeNotNull(
            if(
                JSONType(_row, 'variant_id') IN ('Int64', 'UInt64'),
                accurateCastOrNull(JSONExtractRaw(_row, 'variant_id'), 'UInt32'),
                NULL
            )
        ),
        'UInt32'
    ) AS `variant_id`,
    CAST(
        assumeNotNull(if(JSONType(_row, 'event_type') = 'String', JSONExtractString(_row, 'event_type'), NULL)),
        'LowCardinality(String)'
    ) AS `event_type`,
    CAST(
        assumeNotNull(
            if(
                JSONType(_row, 'event_time') = 'String',
                parseDateTime64BestEffortOrNull(JSONExtractString(_row, 'event_time'), 6, 'UTC'),
                NULL
            )
        ),
        'DateTime64(6, \'UTC\')'
    ) AS `event_time`,
    ifNull(
        if(
            JSONType(JSONExtractString(_row, 'properties'), 'page') = 'String',
            JSONExtractString(JSONExtractString(_row, 'properties'), 'page'),
            NULL
        ),
        defaultValueOfTypeName('String')
    ) AS `page`,
    ifNull(
        if(
            JSONType(JSONExtractString(_row, 'properties'), 'device') = 'String',
            JSONExtractString(JSONExtractString(_row, 'properties'), 'device'),
            NULL
        ),
        defaultValueOfTypeName('String')
    ) AS `device`,
    ifNull(
        if(
            JSONType(JSONExtractString(_row, 'properties'), 'value') IN ('Int64', 'UInt64', 'Double'),
            accurateCastOrNull(JSONExtractRaw(JSONExtractString(_row, 'properties'), 'value'), 'Float64'),
            NULL
        ),
        defaultValueOfTypeName('Float64')
    ) AS `value`,
    CAST(event_type = 'conversion', 'Bool') AS `is_conversion`,
    CAST(event_type = 'exposure', 'Bool') AS `is_exposure`,
    assumeNotNull(_version) AS `_version`,
    toUInt8(_op = 'd') AS `_deleted`,
    _op AS `_op`,
    received_at AS `_received_at`
FROM
    (
        SELECT
            line,
            received_at,
            JSONExtractRaw(line, 'payload') AS _p,
            JSONExtractString(_p, 'op') AS _op,
            JSONExtractString(_p, 'source', 'table') AS _table,
            JSONExtract(_p, 'source', 'lsn', 'Nullable(UInt64)') AS _version,
            if(_op = 'd', JSONExtractRaw(_p, 'before'), JSONExtractRaw(_p, 'after')) AS _row,
            multiIf(
                line = ''
                OR line = 'null',
                'tombstone: a Kafka message without a value (Debezium sends one after each delete, for log compaction)',
                NOT isValidJSON(line),
                'malformed JSON',
                JSONType(line, 'payload') != 'Object',
                'no payload object (is the converter\'s schemas.enable what the spec\'s envelope says?)',
                _op NOT IN ('c', 'u', 'd', 'r'),
                concat('unknown op "', _op, '"'),
                _table NOT IN ('assignments', 'events'),
                concat('unknown table "', _table, '"'),
                _version IS NULL,
                'missing field source.lsn',
                JSONType(_p, if(_op = 'd', 'before', 'after')) != 'Object',
                concat(
                    'missing field ',
                    if(_op = 'd', 'before', 'after'),
                    ' (a ',
                    if(_op = 'd', 'delete', 'change'),
                    ' without its row)'
                ),
                _table = 'assignments',
                multiIf(
                    true
                    AND NOT (
                        JSONHas(_row, 'id')
                        AND JSONType(_row, 'id') != 'Null'
                    ),
                    'missing field id',
                    (
                        JSONHas(_row, 'id')
                        AND JSONType(_row, 'id') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(_row, 'id') IN ('Int64', 'UInt64'),
                            accurateCastOrNull(JSONExtractRaw(_row, 'id'), 'UInt64'),
                            NULL
                        )
                    ) IS NULL,
                    concat('type: id is not UInt64: ', substring(JSONExtractRaw(_row, 'id'), 1, 100)),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'experiment_id')
                        AND JSONType(_row, 'experiment_id') != 'Null'
                    ),
                    'missing field experiment_id',
                    (
                        JSONHas(_row, 'experiment_id')
                        AND JSONType(_row, 'experiment_id') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(_row, 'experiment_id') IN ('Int64', 'UInt64'),
                            accurateCastOrNull(JSONExtractRaw(_row, 'experiment_id'), 'UInt32'),
                            NULL
                        )
                    ) IS NULL,
                    concat('type: experiment_id is not UInt32: ', substring(JSONExtractRaw(_row, 'experiment_id'), 1, 100)),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'variant_id')
                        AND JSONType(_row, 'variant_id') != 'Null'
                    ),
                    'missing field variant_id',
                    (
                        JSONHas(_row, 'variant_id')
                        AND JSONType(_row, 'variant_id') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(_row, 'variant_id') IN ('Int64', 'UInt64'),
                            accurateCastOrNull(JSONExtractRaw(_row, 'variant_id'), 'UInt32'),
                            NULL
                        )
                    ) IS NULL,
                    concat('type: variant_id is not UInt32: ', substring(JSONExtractRaw(_row, 'variant_id'), 1, 100)),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'user_id')
                        AND JSONType(_row, 'user_id') != 'Null'
                    ),
                    'missing field user_id',
                    (
                        JSONHas(_row, 'user_id')
                        AND JSONType(_row, 'user_id') != 'Null'
                    )
                    AND (if(JSONType(_row, 'user_id') = 'String', JSONExtractString(_row, 'user_id'), NULL)) IS NULL,
                    concat('type: user_id is not String: ', substring(JSONExtractRaw(_row, 'user_id'), 1, 100)),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'assigned_at')
                        AND JSONType(_row, 'assigned_at') != 'Null'
                    ),
                    'missing field assigned_at',
                    (
                        JSONHas(_row, 'assigned_at')
                        AND JSONType(_row, 'assigned_at') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(_row, 'assigned_at') = 'String',
                            parseDateTime64BestEffortOrNull(JSONExtractString(_row, 'assigned_at'), 6, 'UTC'),
                            NULL
                        )
                    ) IS NULL,
                    concat(
                        'type: assigned_at is not DateTime64(6, \'UTC\'): ',
                        substring(JSONExtractRaw(_row, 'assigned_at'), 1, 100)
                    ),
                    ''
                ),
                _table = 'events',
                multiIf(
                    true
                    AND NOT (
                        JSONHas(_row, 'id')
                        AND JSONType(_row, 'id') != 'Null'
                    ),
                    'missing field id',
                    (
                        JSONHas(_row, 'id')
                        AND JSONType(_row, 'id') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(_row, 'id') IN ('Int64', 'UInt64'),
                            accurateCastOrNull(JSONExtractRaw(_row, 'id'), 'UInt64'),
                            NULL
                        )
                    ) IS NULL,
                    concat('type: id is not UInt64: ', substring(JSONExtractRaw(_row, 'id'), 1, 100)),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'user_id')
                        AND JSONType(_row, 'user_id') != 'Null'
                    ),
                    'missing field user_id',
                    (
                        JSONHas(_row, 'user_id')
                        AND JSONType(_row, 'user_id') != 'Null'
                    )
                    AND (if(JSONType(_row, 'user_id') = 'String', JSONExtractString(_row, 'user_id'), NULL)) IS NULL,
                    concat('type: user_id is not String: ', substring(JSONExtractRaw(_row, 'user_id'), 1, 100)),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'experiment_id')
                        AND JSONType(_row, 'experiment_id') != 'Null'
                    ),
                    'missing field experiment_id',
                    (
                        JSONHas(_row, 'experiment_id')
                        AND JSONType(_row, 'experiment_id') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(_row, 'experiment_id') IN ('Int64', 'UInt64'),
                            accurateCastOrNull(JSONExtractRaw(_row, 'experiment_id'), 'UInt32'),
                            NULL
                        )
                    ) IS NULL,
                    concat('type: experiment_id is not UInt32: ', substring(JSONExtractRaw(_row, 'experiment_id'), 1, 100)),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'variant_id')
                        AND JSONType(_row, 'variant_id') != 'Null'
                    ),
                    'missing field variant_id',
                    (
                        JSONHas(_row, 'variant_id')
                        AND JSONType(_row, 'variant_id') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(_row, 'variant_id') IN ('Int64', 'UInt64'),
                            accurateCastOrNull(JSONExtractRaw(_row, 'variant_id'), 'UInt32'),
                            NULL
                        )
                    ) IS NULL,
                    concat('type: variant_id is not UInt32: ', substring(JSONExtractRaw(_row, 'variant_id'), 1, 100)),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'event_type')
                        AND JSONType(_row, 'event_type') != 'Null'
                    ),
                    'missing field event_type',
                    (
                        JSONHas(_row, 'event_type')
                        AND JSONType(_row, 'event_type') != 'Null'
                    )
                    AND (if(JSONType(_row, 'event_type') = 'String', JSONExtractString(_row, 'event_type'), NULL)) IS NULL,
                    concat(
                        'type: event_type is not LowCardinality(String): ',
                        substring(JSONExtractRaw(_row, 'event_type'), 1, 100)
                    ),
                    _op != 'd'
                    AND NOT (
                        JSONHas(_row, 'event_time')
                        AND JSONType(_row, 'event_time') != 'Null'
                    ),
                    'missing field event_time',
                    (
                        JSONHas(_row, 'event_time')
                        AND JSONType(_row, 'event_time') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(_row, 'event_time') = 'String',
                            parseDateTime64BestEffortOrNull(JSONExtractString(_row, 'event_time'), 6, 'UTC'),
                            NULL
                        )
                    ) IS NULL,
                    concat(
                        'type: event_time is not DateTime64(6, \'UTC\'): ',
                        substring(JSONExtractRaw(_row, 'event_time'), 1, 100)
                    ),
                    false
                    AND NOT (
                        JSONHas(JSONExtractString(_row, 'properties'), 'page')
                        AND JSONType(JSONExtractString(_row, 'properties'), 'page') != 'Null'
                    ),
                    'missing field properties.page',
                    (
                        JSONHas(JSONExtractString(_row, 'properties'), 'page')
                        AND JSONType(JSONExtractString(_row, 'properties'), 'page') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(JSONExtractString(_row, 'properties'), 'page') = 'String',
                            JSONExtractString(JSONExtractString(_row, 'properties'), 'page'),
                            NULL
                        )
                    ) IS NULL,
                    concat(
                        'type: properties.page is not String: ',
                        substring(JSONExtractRaw(JSONExtractString(_row, 'properties'), 'page'), 1, 100)
                    ),
                    false
                    AND NOT (
                        JSONHas(JSONExtractString(_row, 'properties'), 'device')
                        AND JSONType(JSONExtractString(_row, 'properties'), 'device') != 'Null'
                    ),
                    'missing field properties.device',
                    (
                        JSONHas(JSONExtractString(_row, 'properties'), 'device')
                        AND JSONType(JSONExtractString(_row, 'properties'), 'device') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(JSONExtractString(_row, 'properties'), 'device') = 'String',
                            JSONExtractString(JSONExtractString(_row, 'properties'), 'device'),
                            NULL
                        )
                    ) IS NULL,
                    concat(
                        'type: properties.device is not String: ',
                        substring(JSONExtractRaw(JSONExtractString(_row, 'properties'), 'device'), 1, 100)
                    ),
                    false
                    AND NOT (
                        JSONHas(JSONExtractString(_row, 'properties'), 'value')
                        AND JSONType(JSONExtractString(_row, 'properties'), 'value') != 'Null'
                    ),
                    'missing field properties.value',
                    (
                        JSONHas(JSONExtractString(_row, 'properties'), 'value')
                        AND JSONType(JSONExtractString(_row, 'properties'), 'value') != 'Null'
                    )
                    AND (
                        if(
                            JSONType(JSONExtractString(_row, 'properties'), 'value') IN ('Int64', 'UInt64', 'Double'),
                            accurateCastOrNull(JSONExtractRaw(JSONExtractString(_row, 'properties'), 'value'), 'Float64'),
                            NULL
                        )
                    ) IS NULL,
                    concat(
                        'type: properties.value is not Float64: ',
                        substring(JSONExtractRaw(JSONExtractString(_row, 'properties'), 'value'), 1, 100)
                    ),
                    ''
                ),
                ''
            ) AS _reason
        FROM
            `experiments_analytics`.`experiments_landing`
    )
WHERE
    _reason = ''
    AND _table = 'events'
