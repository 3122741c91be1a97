-- Classified → events_processed_typed: the usable envelopes of events, their row typed.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`events_processed_typed_mv`
TO `experiments_analytics`.`events_processed_typed` AS
SELECT
    line,
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
        AND (
            NOT JSONHas(_row, 'user_id')
            OR JSONType(_row, 'user_id') = 'Null'
        ),
        'missing field user_id',
        `_c_user_id` IS NULL
        AND _op != 'd'
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
        AND (
            NOT JSONHas(_row, 'event_type')
            OR JSONType(_row, 'event_type') = 'Null'
        ),
        'missing field event_type',
        `_c_event_type` IS NULL
        AND _op != 'd'
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
            substring(JSONExtractRaw(_row, 'event_time'), 1, 100)
        ),
        `_c_page` IS NULL
        AND _op != 'd'
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
        AND NOT (
            NOT JSONHas(ifNull(_v.`properties`, ''), 'value')
            OR JSONType(ifNull(_v.`properties`, ''), 'value') = 'Null'
        ),
        concat(
            'type: properties.value is not Float64: ',
            substring(JSONExtractRaw(ifNull(_v.`properties`, ''), 'value'), 1, 100)
        ),
        ''
    ) AS _reason
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
            JSONExtract(
                _row,
                'Tuple(`id` Nullable(UInt64), `user_id` Nullable(String), `experiment_id` Nullable(Float64), `variant_id` Nullable(Float64), `event_type` Nullable(String), `event_time` Nullable(String), `properties` Nullable(String))'
            ) AS _v,
            JSONExtract(
                ifNull(_v.`properties`, ''),
                'Tuple(`page` Nullable(String), `device` Nullable(String), `value` Nullable(Float64))'
            ) AS _j0,
            _v.`id` AS `_c_id`,
            _v.`user_id` AS `_c_user_id`,
            accurateCastOrNull(_v.`experiment_id`, 'UInt32') AS `_c_experiment_id`,
            accurateCastOrNull(_v.`variant_id`, 'UInt32') AS `_c_variant_id`,
            _v.`event_type` AS `_c_event_type`,
            parseDateTime64BestEffortOrNull(_v.`event_time`, 6, 'UTC') AS `_c_event_time`,
            _j0.`page` AS `_c_page`,
            _j0.`device` AS `_c_device`,
            _j0.`value` AS `_c_value`
        FROM
            `experiments_analytics`.`experiments_classified`
        WHERE
            _reason = ''
            AND _table = 'events'
    )
COMMENT 'chplan definition 9d57c310b2a35207'
