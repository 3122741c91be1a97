import { quoteIdent, quoteString } from '../../../core/quote.js';
import { convertExpr, schemaOf, schemaTyped } from './encodings.js';
import { base, type StreamColumn, type StreamSpec, type StreamTable } from './spec.js';
import { toastable, unavailableCondition } from './toast-sql.js';

/**
 * The SQL that reads Debezium messages. Each message is parsed a fixed, small number of times:
 * the envelope once (one typed tuple), its row once (one typed tuple per table), and each JSON
 * text field of the row once. Checks that need more (is a NULL missing, or of the wrong type?)
 * run only on the rare rows that fail, through multiIf's short-circuit. Pure string building.
 */

/** The row's documents: the row itself, and each JSON text field some column reads into. */
function documents(table: StreamTable): { name: string; source: string; fields: StreamColumn[] }[] {
  const json = [...new Set(table.columns.filter((c) => c.json).map((c) => c.path))];
  const top = table.columns.filter((c) => !c.json);
  const docs = [{ name: '_v', source: '_row', fields: top }];
  for (const [i, path] of json.entries())
    docs.push({
      name: `_j${i}`,
      source: `ifNull(_v.${quoteIdent(path)}, '')`,
      fields: table.columns.filter((c) => c.json && c.path === path),
    });
  return docs;
}

function fieldOf(column: StreamColumn): string {
  return column.json ?? column.path;
}

/**
 * Whether the chain reads each message's schema: the messages carry one (`"wrapper": "payload"`) and some column's
 * encoding can come from it. Pure.
 */
export function readsSchemas(spec: StreamSpec): boolean {
  return spec.envelope.wrapper === 'payload' && spec.tables.some((t) => t.columns.some(schemaTyped));
}

/** One JSONExtract per document: its fields as a named tuple of their JSON text, which each column converts. */
function documentTuples(table: StreamTable): string[] {
  return documents(table).map((doc) => {
    const fields = new Set(doc.fields.map(fieldOf));
    if (doc.name === '_v') for (const c of table.columns.filter((x) => x.json)) fields.add(c.path);
    const tuple = [...fields].map((name) => `${quoteIdent(name)} Nullable(String)`).join(', ');
    return `JSONExtract(${doc.source}, ${quoteString(`Tuple(${tuple})`)}) AS ${doc.name}`;
  });
}

function docOf(table: StreamTable, column: StreamColumn): { name: string; source: string } {
  return documents(table).find((d) => d.fields.includes(column))!;
}

/** The typed (Nullable) value of a column, named `_c_<name>`. */
function typedColumn(table: StreamTable, column: StreamColumn, schemas: boolean): string {
  const doc = docOf(table, column);
  const value = convertExpr(column, `${doc.name}.${quoteIdent(fieldOf(column))}`, schemaOf(column, schemas));
  return `${value} AS ${quoteIdent(`_c_${column.name}`)}`;
}

function label(column: StreamColumn): string {
  return column.json ? `${column.path}.${column.json}` : column.path;
}

/** What a column's value must be, as a reason names it: its type, or for bytes stored as a String, base64. */
function expectedOf(column: StreamColumn): string {
  return column.encoding === 'base64' && base(column.type) === 'String' ? 'bytes in base64' : column.type;
}

/** The conditions joined by AND, those that always hold (null) left out. Pure. */
function allOf(...conditions: (string | null)[]): string {
  return conditions.filter((c) => c !== null).join(' AND ');
}

/**
 * Why a row of this table cannot be used, or ''. Checked only where a value came out NULL; a TOASTable value that
 * arrived as Debezium's placeholder is no type error (see unavailableReasonExpr).
 */
export function tableReasonExpr(table: StreamTable, schemas: boolean): string {
  const parts: string[] = [];
  const toast = toastable(table);
  for (const column of table.columns) {
    const doc = docOf(table, column);
    const source = doc.name === '_v' ? '_row' : doc.source;
    const field = quoteString(fieldOf(column));
    const value = quoteIdent(`_c_${column.name}`);
    const absent = `(NOT JSONHas(${source}, ${field}) OR JSONType(${source}, ${field}) = 'Null')`;
    const key = table.key.includes(column.name);
    // A delete needs only its key: under REPLICA IDENTITY DEFAULT Debezium fills the other NOT NULL
    // columns of `before` with fallbacks ("", 0, the epoch) that need not fit their types.
    const notDelete = toast.includes(column) ? `_op != 'd' AND NOT ${quoteIdent(`_u_${column.name}`)}` : "_op != 'd'";
    // A missing optional field is no reason: that branch is left out rather than written as AND false.
    if (key || !column.optional) {
      parts.push(
        allOf(`${value} IS NULL`, key ? null : notDelete, absent),
        quoteString(`missing field ${label(column)}`),
      );
    }
    // Where the message's schema picked the encoding, the reason names it.
    const schema = schemaOf(column, schemas);
    const declared = schema
      ? `, if(${schema}.1 = '', '', concat(' (the schema declares ', ${schema}.1, if(${schema}.2 = '', '', concat(', scale ', ${schema}.2)), ')'))`
      : '';
    parts.push(
      allOf(`${value} IS NULL`, key ? null : notDelete, `NOT ${absent}`),
      `concat(${quoteString(`type: ${label(column)} is not ${expectedOf(column)}: `)}, substring(JSONExtractRaw(${source}, ${field}), 1, 100)${declared})`,
    );
  }
  return `multiIf(${parts.join(', ')}, '')`;
}
/** The type of a message's version: source.lsn, or source.ts_ms and source.lsn together. Pure. */
export function versionType(spec: Pick<StreamSpec, 'envelope'>): 'UInt64' | 'UInt128' {
  return spec.envelope.version === 'lsn' ? 'UInt64' : 'UInt128';
}

/** The envelope, parsed once: op, source table and version, and the row's JSON text (after; before for a delete). */
export function envelopeColumns(spec: StreamSpec): string[] {
  const at = spec.envelope.wrapper === 'payload' ? "'payload', " : '';
  const payload =
    'Tuple(op Nullable(String), before Nullable(String), after Nullable(String), source Tuple(table Nullable(String), lsn Nullable(String), ts_ms Nullable(String)))';
  // ts_ms orders by source.ts_ms, when PostgreSQL made the change (the envelope's own ts_ms is when the connector
  // processed it), then by LSN for two changes of one millisecond: one UInt128. Each from its text: read as a number,
  // an LSN of 1.5 or true would be 1 and could put a change before the one it follows.
  const lsn = 'toUInt64OrNull(_e.source.lsn)';
  const version =
    spec.envelope.version === 'lsn' ? lsn : `bitShiftLeft(toUInt128(toUInt64OrNull(_e.source.ts_ms)), 64) + ${lsn}`;
  // The schema in the same parse: the logical type name and scale of each field of the row the spec reads, as a map
  // from field to (name, scale). Debezium's envelope schema lists before, after, source, …: its fields are read by
  // position, so only `after`'s struct (which `before` shares) is read out, at a fraction of the cost of them all.
  const paths = [...new Set(spec.tables.flatMap((t) => t.columns.filter(schemaTyped).map((c) => c.path)))];
  const withSchema = readsSchemas(spec)
    ? [
        `JSONExtract(line, ${quoteString(`Tuple(schema Tuple(fields Tuple(Tuple(field String), Tuple(field String, fields Array(Tuple(field String, name String, parameters Tuple(scale String)))))), payload ${payload})`)}) AS _m`,
        '_m.payload AS _e',
        `arrayFilter(x -> x.name != '' AND x.field IN (${paths.map(quoteString).join(', ')}), _m.schema.fields.2.fields) AS _named`,
        'mapFromArrays(arrayMap(x -> x.field, _named), arrayMap(x -> (x.name, x.parameters.scale), _named)) AS _schema',
      ]
    : [`JSONExtract(line, ${at}${quoteString(payload)}) AS _e`];
  return [
    ...withSchema,
    "ifNull(_e.op, '') AS _op",
    "ifNull(_e.source.table, '') AS _table",
    `${version} AS _version`,
    // JSONExtract hands an object back as its JSON text: the row comes out of the same parse.
    `ifNull(${changedRow(spec, '_op', '_e.before', '_e.after', "ifNull(_e.before, '')")}, '') AS _row`,
  ];
}

/**
 * The row a change carries, as JSON text: a delete's `before`, or without it the Kafka message key (Debezium's key is
 * the row's primary key); any other change's `after`. `beforeText` is `before` where it may be NULL. Pure.
 */
function changedRow(spec: StreamSpec, op: string, before: string, after: string, beforeText = before): string {
  const messageKey = spec.envelope.wrapper === 'payload' ? "JSONExtractRaw(key, 'payload')" : 'key';
  return `if(${op} = 'd', if(startsWith(${beforeText}, '{'), ${before}, ${messageKey}), ${after})`;
}

/** Why a message's envelope cannot be used, or '' (the table's own checks come after). */
export function envelopeReasonExpr(spec: StreamSpec): string {
  const tables = spec.tables.map((t) => quoteString(t.source)).join(', ');
  const payload =
    spec.envelope.wrapper === 'payload' ? "JSONType(line, 'payload') != 'Object'" : "JSONType(line) != 'Object'";
  return `multiIf(${[
    "_op = '' AND NOT isValidJSON(line)",
    quoteString('malformed JSON'),
    // JSONExtract reads an array positionally, as if it were the envelope: only an object is one. JSON's whitespace
    // may come first; matched in place, as trimming would copy every message to look at its first character.
    "NOT match(line, '^[ \\\\t\\\\r\\\\n]*\\\\{')",
    quoteString('not a JSON object (an array or a value where the envelope belongs)'),
    `_op = '' AND ${payload}`,
    quoteString(
      spec.envelope.wrapper === 'payload'
        ? "no payload object (is the converter's schemas.enable what the spec's envelope says?)"
        : 'not a JSON object',
    ),
    ...(readsSchemas(spec)
      ? [
          "_m.schema.fields.1.field != '' AND _m.schema.fields.2.field != 'after'",
          quoteString(
            "a schema that is not a Debezium envelope's (its second field is not after): the row's types cannot be read from it",
          ),
        ]
      : []),
    "_op NOT IN ('c', 'u', 'd', 'r', 't')",
    "concat('unknown op \"', _op, '\"')",
    `_table NOT IN (${tables})`,
    "concat('unknown table \"', _table, '\"')",
    '_version IS NULL',
    quoteString(
      `missing field ${spec.envelope.version === 'lsn' ? 'source.lsn' : 'source.ts_ms or source.lsn'} (or not a whole number)`,
    ),
    // A truncate carries no row: it empties the table as of its version.
    "_op != 't' AND NOT startsWith(_row, '{')",
    "if(_op = 'd', 'missing field before (a delete without its row or a message key)', 'missing field after (a change without its row)')",
  ].join(', ')}, '')`;
}

/** The typed view's columns: the documents, each typed value, whether each TOASTable one was unavailable. */
export function typedSelect(table: StreamTable, schemas: boolean): string[] {
  return [
    ...documentTuples(table),
    ...table.columns.map((c) => typedColumn(table, c, schemas)),
    ...toastable(table).map(
      (c) => `(_op != 'd' AND ${unavailableCondition(c, schemas)}) AS ${quoteIdent(`_u_${c.name}`)}`,
    ),
  ];
}
/**
 * The processed table's columns from the typed ones: keys as they are, others defaulted (a delete carries only its key
 * for sure).
 */
export function processedSelect(table: StreamTable): string[] {
  return [
    ...table.columns.map((c) => {
      const v = quoteIdent(`_c_${c.name}`);
      if (/^Array/.test(c.type))
        return `JSONExtract(ifNull(${v}, '[]'), ${quoteString(c.type)}) AS ${quoteIdent(c.name)}`;
      const value = table.key.includes(c.name)
        ? `assumeNotNull(${v})`
        : `ifNull(${v}, defaultValueOfTypeName(${quoteString(c.type)}))`;
      return `CAST(${value}, ${quoteString(c.type)}) AS ${quoteIdent(c.name)}`;
    }),
    ...table.computed.map((c) => `CAST(${c.expr}, ${quoteString(c.type)}) AS ${quoteIdent(c.name)}`),
  ];
}

/**
 * On a cluster, the shard a message goes to: a hash of its source table and its row's primary key values as the
 * message holds them (the row of a delete from `before`, else the Kafka key; of any other change from `after`), so
 * every version of a row meets on one shard. A message with no row (a truncate, a tombstone) goes by its table. Pure.
 */
export function routeKeyExpr(spec: StreamSpec): string {
  const at = spec.envelope.wrapper === 'payload' ? "'payload', " : '';
  const row = changedRow(
    spec,
    `JSONExtractString(line, ${at}'op')`,
    `JSONExtractRaw(line, ${at}'before')`,
    `JSONExtractRaw(line, ${at}'after')`,
  );
  const table = `JSONExtractString(line, ${at}'source', 'table')`;
  const keys = spec.tables.flatMap((t) => {
    const values = t.key.map(
      (k) => `JSONExtractRaw(${row}, ${quoteString(t.columns.find((c) => c.name === k)!.path)})`,
    );
    return [
      `${table} = ${quoteString(t.source)}`,
      values.length === 1 ? values[0]! : `concat(${values.join(", ',', ")})`,
    ];
  });
  return `cityHash64(${table}, multiIf(${keys.join(', ')}, ''))`;
}

/** The key of a typed row as a 64-bit hash, for the parsed log (cheaper to sort and group than text). */
export function keyHashExpr(table: StreamTable): string {
  return `sipHash64(${table.key.map((k) => `assumeNotNull(${quoteIdent(`_c_${k}`)})`).join(', ')})`;
}

/** The typed table's column list (everything its views read). */
export function typedColumns(table: StreamTable, versionType: string): { name: string; type: string }[] {
  return [
    { name: 'line', type: 'String' },
    { name: 'topic', type: 'LowCardinality(String)' },
    { name: 'offset', type: 'Int64' },
    { name: 'received_at', type: "DateTime64(3, 'UTC')" },
    { name: '_op', type: 'LowCardinality(String)' },
    { name: '_version', type: versionType },
    ...table.columns.map((c) => ({
      name: `_c_${c.name}`,
      type: /^Array/.test(c.type) ? 'Nullable(String)' : `Nullable(${base(c.type)})`,
    })),
    { name: '_reason', type: 'String' },
  ];
}
