-- Landing → classified: the envelope of each message, parsed once. A tombstone (a message without a
-- value, which Debezium sends after each delete for log compaction) is skipped, as a Kafka table
-- skips it; validation counts them in the landing table.
CREATE MATERIALIZED VIEW IF NOT EXISTS `experiments_analytics`.`experiments_classify_mv`
TO `experiments_analytics`.`experiments_classified` AS
SELECT
    line,
    topic,
    offset,
    received_at,
    _op,
    _table,
    _version,
    _row,
    _schema,
    multiIf(
        _op = ''
        AND NOT isValidJSON(line),
        'malformed JSON',
        NOT match(line, '^[ \\t\\r\\n]*\\{'),
        'not a JSON object (an array or a value where the envelope belongs)',
        _op = ''
        AND JSONType(line, 'payload') != 'Object',
        'no payload object (is the converter\'s schemas.enable what the spec\'s envelope says?)',
        _m.schema.fields .1.field != ''
        AND _m.schema.fields .2.field != 'after',
        'a schema that is not a Debezium envelope\'s (its second field is not after): the row\'s types cannot be read from it',
        _op NOT IN ('c', 'u', 'd', 'r', 't'),
        concat('unknown op "', _op, '"'),
        _table NOT IN ('assignments', 'events'),
        concat('unknown table "', _table, '"'),
        _version IS NULL,
        'missing field source.lsn (or not a whole number)',
        _op != 't'
        AND NOT startsWith(_row, '{'),
        if(
            _op = 'd',
            'missing field before (a delete without its row or a message key)',
            'missing field after (a change without its row)'
        ),
        ''
    ) AS _reason
FROM
    (
        SELECT
            line,
            key,
            topic,
            offset,
            received_at,
            JSONExtract(
                line,
                'Tuple(schema Tuple(fields Tuple(Tuple(field String), Tuple(field String, fields Array(Tuple(field String, name String, parameters Tuple(scale String)))))), payload Tuple(op Nullable(String), before Nullable(String), after Nullable(String), source Tuple(table Nullable(String), lsn Nullable(String), ts_ms Nullable(String))))'
            ) AS _m,
            _m.payload AS _e,
            arrayFilter(
                x -> x.name != ''
                AND x.field IN ('assigned_at', 'event_time', 'revenue'),
                _m.schema.fields .2.fields
            ) AS _named,
            mapFromArrays(arrayMap(x -> x.field, _named), arrayMap(x -> (x.name, x.parameters.scale), _named)) AS _schema,
            ifNull(_e.op, '') AS _op,
            ifNull(_e.source.table, '') AS _table,
            toUInt64OrNull(_e.source.lsn) AS _version,
            ifNull(
                if(
                    _op = 'd',
                    if(startsWith(ifNull(_e.before, ''), '{'), _e.before, JSONExtractRaw(key, 'payload')),
                    _e.after
                ),
                ''
            ) AS _row
        FROM
            `experiments_analytics`.`experiments_landing`
        WHERE
            NOT (
                line = ''
                OR line = 'null'
            )
    )
COMMENT 'chplan definition a0379c1afd59dc96'
