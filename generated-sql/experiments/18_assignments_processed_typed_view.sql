-- Classified → assignments_processed_typed: the usable envelopes of assignments, their row typed.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`assignments_processed_typed_mv`
TO `experiments_analytics`.`assignments_processed_typed` AS
SELECT
    line,
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
            substring(JSONExtractRaw(_row, 'assigned_at'), 1, 100)
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
                'Tuple(`id` Nullable(UInt64), `experiment_id` Nullable(Float64), `variant_id` Nullable(Float64), `user_id` Nullable(String), `assigned_at` Nullable(String))'
            ) AS _v,
            _v.`id` AS `_c_id`,
            accurateCastOrNull(_v.`experiment_id`, 'UInt32') AS `_c_experiment_id`,
            accurateCastOrNull(_v.`variant_id`, 'UInt32') AS `_c_variant_id`,
            _v.`user_id` AS `_c_user_id`,
            parseDateTime64BestEffortOrNull(_v.`assigned_at`, 6, 'UTC') AS `_c_assigned_at`
        FROM
            `experiments_analytics`.`experiments_classified`
        WHERE
            _reason = ''
            AND _table = 'assignments'
    )
COMMENT 'chplan definition facdc24da6bbbdf9'
