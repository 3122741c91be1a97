import { quoteIdent, quoteString } from '../../../core/quote.js';
import type { StreamColumn, StreamSpec, StreamTable } from './spec.js';

/**
 * The SQL that reads Debezium messages. Each message is parsed a fixed, small number of times:
 * the envelope once (one typed tuple), its row once (one typed tuple per table), and each JSON
 * text field of the row once. Checks that need more (is a NULL missing, or of the wrong type?)
 * run only on the rare rows that fail, through multiIf's short-circuit. Pure string building.
 */

const SMALL_INTS = /^U?Int(8|16|32)$/;
/** What Debezium sends for a TOASTed value it does not have (`unavailable.value.placeholder`'s default). */
export const TOAST_PLACEHOLDER = '__debezium_unavailable_value';
/** The placeholder where the value is bytes (a bytea, a NUMERIC in the precise encoding): base64 of its UTF-8. */
const TOAST_PLACEHOLDER_BYTES = Buffer.from(TOAST_PLACEHOLDER).toString('base64');
const BIG_INTS = /^U?Int64$/;

function base(type: string): string {
  return type.replace(/^LowCardinality\((.*)\)$/, '$1');
}

/** What JSONExtract reads a column's field as (lenient where a later conversion is strict). */
export function extractType(column: StreamColumn): string {
  const t = base(column.type);
  if (SMALL_INTS.test(t) || /^Float/.test(t)) return 'Float64';
  if (BIG_INTS.test(t)) return t;
  if (t === 'Bool') return 'Bool';
  if (/^DateTime64/.test(t)) return /^epoch_/.test(column.encoding ?? '') ? 'Int64' : 'String';
  if (/^Date/.test(t)) return (column.encoding ?? 'epoch_days') === 'epoch_days' ? 'Int32' : 'String';
  // Anything else as text: a number or an object read as String comes back as its JSON text.
  return 'String';
}

/** The scale of Decimal(P, S), DecimalN(S), or Decimal(P) (scale 0). Pure. */
export function scaleOf(type: string): number {
  return Number(
    /^Decimal\(\s*\d+\s*,\s*(\d+)\s*\)$/.exec(type)?.[1] ?? /^Decimal\d+\(\s*(\d+)\s*\)$/.exec(type)?.[1] ?? 0,
  );
}

/**
 * The unscaled value of Debezium's bytes (base64 of a big-endian two's complement), as Int128: sign-extended to 16
 * bytes; NULL when it is not base64 or longer than 16 bytes. Pure.
 */
function unscaledFromBase64(f: string): string {
  const bytes = `tryBase64Decode(${f})`;
  // leftPad takes a constant pad: sign-extend with 0xFF bytes when the first byte's top bit is set.
  const negative = `reinterpretAsUInt8(substring(${bytes}, 1, 1)) >= 128`;
  const unscaled = `reinterpretAsInt128(reverse(if(${negative}, leftPad(${bytes}, 16, unhex('FF')), leftPad(${bytes}, 16, unhex('00')))))`;
  return `if(empty(${bytes}) OR length(${bytes}) > 16, NULL, ${unscaled})`;
}

/** 10^0 … 10^38 as Int256, by index k + 1 (from text: a literal that large would be read as a Float64). */
const POWERS_OF_TEN = `CAST([${Array.from({ length: 39 }, (_, k) => `'1${'0'.repeat(k)}'`).join(', ')}], 'Array(Int256)')`;

/**
 * Debezium's precise decimal (decimal.handling.mode=precise, Kafka Connect's Decimal): the unscaled value's bytes,
 * the scale being the column's. Taken as Decimal(38, S) without rounding; NULL (a dead letter) when the bytes are not
 * a value or it does not fit the column's precision. Pure.
 */
export function decimalFromBase64(f: string, type: string): string {
  return `accurateCastOrNull(reinterpret(${unscaledFromBase64(f)}, ${quoteString(`Decimal(38, ${scaleOf(type)})`)}), ${quoteString(type)})`;
}

/**
 * Debezium's VariableScaleDecimal (a NUMERIC without a declared scale): `{"scale": N, "value": bytes}`, each value at
 * its own scale. Brought to the column's scale S exactly: multiplied up when N <= S; when N > S, only if the dropped
 * digits are zeros; NULL otherwise, and when it does not fit the column's precision. Pure.
 */
export function decimalFromVariableScale(f: string, type: string): string {
  const scale = scaleOf(type);
  const n = `JSONExtract(${f}, 'scale', 'Nullable(Int32)')`;
  const unscaled = `toInt256(${unscaledFromBase64(`JSONExtract(${f}, 'value', 'Nullable(String)')`)})`;
  const at = `multiIf(${n} IS NULL OR ${n} < 0 OR abs(${n} - ${scale}) > 38, NULL, ${n} <= ${scale}, ${unscaled} * ${POWERS_OF_TEN}[${scale} - ${n} + 1], ${unscaled} % ${POWERS_OF_TEN}[${n} - ${scale} + 1] = 0, intDiv(${unscaled}, ${POWERS_OF_TEN}[${n} - ${scale} + 1]), NULL)`;
  return `accurateCastOrNull(reinterpret(accurateCastOrNull(${at}, 'Int128'), ${quoteString(`Decimal(38, ${scale})`)}), ${quoteString(type)})`;
}

/**
 * A decimal sent as a string or a number (decimal.handling.mode=string or double): the column's type, NULL when the
 * cast would drop digits (accurateCastOrNull truncates to the scale) or it does not fit. Pure.
 */
function decimalFromText(f: string, type: string): string {
  const value = `accurateCastOrNull(${f}, ${quoteString(type)})`;
  return `if(toDecimal256OrNull(${f}, 38) = toDecimal256(${value}, 38), ${value}, NULL)`;
}

/** The value if it lies in the range the type holds (Date32 and DateTime64: 1900–2299; Date: 1970–2149), else NULL. */
function inRange(value: string, type: string): string {
  const [low, high] = type === 'Date' ? ['1970-01-01', '2149-06-06'] : ['1900-01-01', '2299-12-31'];
  const day = `toDate32(${value})`;
  return `if(${day} >= toDate32('${low}') AND ${day} <= toDate32('${high}'), ${value}, NULL)`;
}

/** The typed value from the extracted field `f` (Nullable): NULL when it does not convert exactly. */
export function convertExpr(column: StreamColumn, f: string): string {
  const t = base(column.type);
  if (SMALL_INTS.test(t)) return `accurateCastOrNull(${f}, ${quoteString(t)})`;
  if (t === 'Float32') return `accurateCastOrNull(${f}, 'Float32')`;
  if (/^Decimal/.test(t) && column.encoding === 'base64') return decimalFromBase64(f, t);
  if (/^Decimal/.test(t) && column.encoding === 'variable_scale') return decimalFromVariableScale(f, t);
  if (/^Decimal/.test(t)) return decimalFromText(f, t);
  if (t === 'UUID') return `toUUIDOrNull(${f})`;
  const array = /^Array\((.*)\)$/.exec(t);
  // An array stays its JSON text until the processed table: every element must convert.
  if (array)
    return `if(isValidJSON(${f}) AND JSONType(${f}) = 'Array' AND NOT has(JSONExtract(ifNull(${f}, ''), ${quoteString(`Array(Nullable(${array[1]}))`)}), NULL), ${f}, NULL)`;
  const time = /^DateTime64\((\d)/.exec(t);
  if (time) {
    const epoch = { epoch_millis: 'Milli', epoch_micros: 'Micro', epoch_nanos: 'Nano' }[column.encoding as string];
    return inRange(
      epoch ? `fromUnixTimestamp64${epoch}(${f}, 'UTC')` : `parseDateTime64BestEffortOrNull(${f}, ${time[1]}, 'UTC')`,
      t,
    );
  }
  if (/^Date/.test(t))
    return inRange(
      (column.encoding ?? 'epoch_days') === 'epoch_days'
        ? `if(${f} BETWEEN -25567 AND 120529, addDays(toDate32('1970-01-01'), ${f}), NULL)`
        : `toDate32OrNull(${f})`,
      t,
    );
  return f;
}

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

/** One JSONExtract per document: its fields as a named tuple (the JSON text fields as String). */
function documentTuples(table: StreamTable): string[] {
  return documents(table).map((doc) => {
    const fields = new Map<string, string>();
    for (const c of doc.fields) fields.set(fieldOf(c), extractType(c));
    if (doc.name === '_v') for (const c of table.columns.filter((x) => x.json)) fields.set(c.path, 'String');
    const tuple = [...fields].map(([name, type]) => `${quoteIdent(name)} Nullable(${type})`).join(', ');
    return `JSONExtract(${doc.source}, ${quoteString(`Tuple(${tuple})`)}) AS ${doc.name}`;
  });
}

function docOf(table: StreamTable, column: StreamColumn): { name: string; source: string } {
  return documents(table).find((d) => d.fields.includes(column))!;
}

/** The typed (Nullable) value of a column, named `_c_<name>`. */
export function typedColumn(table: StreamTable, column: StreamColumn): string {
  const doc = docOf(table, column);
  return `${convertExpr(column, `${doc.name}.${quoteIdent(fieldOf(column))}`)} AS ${quoteIdent(`_c_${column.name}`)}`;
}

function label(column: StreamColumn): string {
  return column.json ? `${column.path}.${column.json}` : column.path;
}

/** The conditions joined by AND, those that always hold (null) left out. Pure. */
function allOf(...conditions: (string | null)[]): string {
  return conditions.filter((c) => c !== null).join(' AND ');
}

/**
 * Why a row of this table cannot be used, or ''. Checked only where a value came out NULL; a TOASTable value that
 * arrived as Debezium's placeholder is no type error (see unavailableReasonExpr).
 */
export function tableReasonExpr(table: StreamTable): string {
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
    parts.push(
      allOf(`${value} IS NULL`, key ? null : notDelete, `NOT ${absent}`),
      `concat(${quoteString(`type: ${label(column)} is not ${column.type}: `)}, substring(JSONExtractRaw(${source}, ${field}), 1, 100))`,
    );
  }
  return `multiIf(${parts.join(', ')}, '')`;
}

/** Why a row whose other values are usable still cannot be: a TOASTed value with nothing to take it from. Pure. */
export function unavailableReasonExpr(table: StreamTable): string {
  const parts = toastable(table).flatMap((column) => [
    quoteIdent(`_u_${column.name}`),
    quoteString(
      `unavailable value: ${column.path} arrived as ${TOAST_PLACEHOLDER} (an unchanged TOASTed column under REPLICA IDENTITY DEFAULT), and no earlier version of the row is known to take it from`,
    ),
  ]);
  return `multiIf(${parts.join(', ')}, '')`;
}

/** The type of a message's version: source.lsn, or source.ts_ms and source.lsn together. Pure. */
export function versionType(spec: Pick<StreamSpec, 'envelope'>): 'UInt64' | 'UInt128' {
  return spec.envelope.version === 'lsn' ? 'UInt64' : 'UInt128';
}

/** The envelope, parsed once: op, source table and version, and the row's JSON text (after; before for a delete). */
export function envelopeColumns(spec: StreamSpec): string[] {
  const at = spec.envelope.wrapper === 'payload' ? "'payload', " : '';
  // ts_ms orders by source.ts_ms, when PostgreSQL made the change (the envelope's own ts_ms is when the connector
  // processed it), then by LSN for two changes of one millisecond: one UInt128.
  const version =
    spec.envelope.version === 'lsn' ? '_e.source.lsn' : 'bitShiftLeft(toUInt128(_e.source.ts_ms), 64) + _e.source.lsn';
  return [
    `JSONExtract(line, ${at}'Tuple(op Nullable(String), before Nullable(String), after Nullable(String), source Tuple(table Nullable(String), lsn Nullable(UInt64), ts_ms Nullable(UInt64)))') AS _e`,
    "ifNull(_e.op, '') AS _op",
    "ifNull(_e.source.table, '') AS _table",
    `${version} AS _version`,
    // JSONExtract hands an object back as its JSON text: the row comes out of the same parse. A delete without its
    // `before` takes its key from the Kafka message key (Debezium's key is the row's primary key).
    `ifNull(if(_op = 'd', if(startsWith(ifNull(_e.before, ''), '{'), _e.before, ${spec.envelope.wrapper === 'payload' ? "JSONExtractRaw(key, 'payload')" : 'key'}), _e.after), '') AS _row`,
  ];
}

/** Why a message's envelope cannot be used, or '' (the table's own checks come after). */
export function envelopeReasonExpr(spec: StreamSpec): string {
  const tables = spec.tables.map((t) => quoteString(t.source)).join(', ');
  const payload =
    spec.envelope.wrapper === 'payload' ? "JSONType(line, 'payload') != 'Object'" : "JSONType(line) != 'Object'";
  return `multiIf(${[
    "_op = '' AND NOT isValidJSON(line)",
    quoteString('malformed JSON'),
    // JSONExtract reads an array positionally, as if it were the envelope: only an object is one.
    "NOT startsWith(trimLeft(line), '{')",
    quoteString('not a JSON object (an array or a value where the envelope belongs)'),
    `_op = '' AND ${payload}`,
    quoteString(
      spec.envelope.wrapper === 'payload'
        ? "no payload object (is the converter's schemas.enable what the spec's envelope says?)"
        : 'not a JSON object',
    ),
    "_op NOT IN ('c', 'u', 'd', 'r', 't')",
    "concat('unknown op \"', _op, '\"')",
    `_table NOT IN (${tables})`,
    "concat('unknown table \"', _table, '\"')",
    '_version IS NULL',
    quoteString(`missing field ${spec.envelope.version === 'lsn' ? 'source.lsn' : 'source.ts_ms or source.lsn'}`),
    // A truncate carries no row: it empties the table as of its version.
    "_op != 't' AND NOT startsWith(_row, '{')",
    "if(_op = 'd', 'missing field before (a delete without its row or a message key)', 'missing field after (a change without its row)')",
  ].join(', ')}, '')`;
}

/** The typed view's columns: the documents, each typed value, whether each TOASTable one was unavailable. */
export function typedSelect(table: StreamTable): string[] {
  return [
    ...documentTuples(table),
    ...table.columns.map((c) => typedColumn(table, c)),
    ...toastable(table).map((c) => `(_op != 'd' AND ${unavailableCondition(c)}) AS ${quoteIdent(`_u_${c.name}`)}`),
  ];
}

/**
 * The columns PostgreSQL may store out of line (TOAST): variable-length values, which chplan reads as text, bytes
 * (base64 decimals) or a field of a JSON text. Keys and fixed-width values (numbers, times, UUIDs) never are. Pure.
 */
export function toastable(table: StreamTable): StreamColumn[] {
  return table.columns.filter(
    (c) =>
      !table.key.includes(c.name) &&
      (c.json !== undefined || c.encoding === 'base64' || extractType(c) === 'String') &&
      !/^(UUID|Date|DateTime)/.test(base(c.type)),
  );
}

/** Whether the column's field arrived as Debezium's placeholder (for a JSON field: the JSON text it is read from). */
function unavailableCondition(column: StreamColumn): string {
  const field = `_v.${quoteIdent(column.path)}`;
  if (/^Array/.test(column.type))
    return `ifNull(${field} IN (${quoteString(TOAST_PLACEHOLDER)}, ${quoteString(JSON.stringify([TOAST_PLACEHOLDER]))}), false)`;
  // A VariableScaleDecimal is an object whose value holds the bytes.
  if (column.encoding === 'variable_scale')
    return `ifNull(position(${field}, ${quoteString(TOAST_PLACEHOLDER_BYTES)}) > 0, false)`;
  const placeholder = quoteString(column.encoding === 'base64' ? TOAST_PLACEHOLDER_BYTES : TOAST_PLACEHOLDER);
  return `ifNull(${field} = ${placeholder}, false)`;
}

/**
 * What replaces an unchanged TOASTed value: the row's earlier value of that column, from an earlier version in the
 * same block (a window over the key), else from the processed table (joined as `p`, only for keys of the block that
 * carry a placeholder). A message that a later version or a truncate supersedes takes its column's default (it is
 * never the latest state). Otherwise the value stays unavailable (`_u_<column>`), which the reason dead-letters.
 * `lookup` is computed over the block and the join, `replace` from it. Pure.
 */
export function toastResolution(
  table: StreamTable,
  target: string,
  classified: string,
  truncated: string,
): {
  narrow: string[];
  anyUnavailable: string;
  lookup: string[];
  windows: string;
  replace: string[];
  earlier: string;
  on: string;
  reason: string;
} | null {
  const columns = toastable(table);
  if (columns.length === 0) return null;
  // Only the keys of the block that carry a placeholder are ordered by version; every other row falls into one
  // partition kept in arrival order, so a block without placeholders costs next to nothing to sort.
  const keys = table.key.map((k) => `if(n._toasted, n.${quoteIdent(`_c_${k}`)}, NULL)`).join(', ');
  const order = 'if(n._toasted, n._version, 0)';
  const lookup = [
    'p._p AS _p',
    `${truncated} AS _truncated`,
    '(p._p_version > 0 AND p._p_deleted = 0 AND p._p_version > _truncated) AS _known',
    // One sort of the block serves both windows: they share PARTITION BY and ORDER BY.
    `(max(n._version) OVER whole > n._version OR p._p_version >= n._version OR n._version <= _truncated) AS _superseded`,
    // (version, value) of the latest earlier version in the block that has the value; version 0 when none.
    ...columns.map(
      (c) =>
        `argMaxIf(tuple(n._version, n.${quoteIdent(`_c_${c.name}`)}), n._version, NOT n.${quoteIdent(`_u_${c.name}`)} AND n._op != 'd') OVER earlier AS ${quoteIdent(`_b_${c.name}`)}`,
    ),
  ];
  const array = (c: StreamColumn) => /^Array/.test(c.type);
  const replace = columns.flatMap((c, i) => {
    const [typed, flag, block] = ['_c_', '_u_', '_b_'].map((prefix) => quoteIdent(`${prefix}${c.name}`));
    return [
      `if(${flag}, multiIf(${block}.1 > 0, ${block}.2, _known, ${array(c) ? `toJSONString(_p.${i + 1})` : `_p.${i + 1}`}, _superseded, ${array(c) ? "'[]'" : `defaultValueOfTypeName(${quoteString(base(c.type))})`}, NULL), ${typed}) AS ${typed}`,
      // Now: whether the value is still unavailable, with nothing to take it from.
      `${flag} AND ${block}.1 = 0 AND NOT _known AND NOT _superseded AS ${flag}`,
    ];
  });
  const keyColumns = table.key.map((k) => table.columns.find((c) => c.name === k)!);
  const keyNames = keyColumns.map((k) => quoteIdent(k.name)).join(', ');
  const blockKeys = keyColumns.map((k) =>
    convertExpr(k, `JSONExtract(_row, ${quoteString(k.path)}, ${quoteString(`Nullable(${extractType(k)})`)})`),
  );
  const keyTuple = (names: string[]) => (names.length === 1 ? names[0]! : `(${names.join(', ')})`);
  const placeholderKeys = `SELECT ${blockKeys.join(', ')} FROM ${classified} WHERE _reason = '' AND _table = ${quoteString(table.source)} AND _op IN ('c', 'u', 'r') AND multiSearchAny(_row, [${quoteString(TOAST_PLACEHOLDER)}, ${quoteString(TOAST_PLACEHOLDER_BYTES)}])`;
  const earlier = [
    `SELECT ${keyNames}, argMax(tuple(${columns.map((c) => quoteIdent(c.name)).join(', ')}), \`_version\`) AS _p, max(\`_version\`) AS _p_version, argMax(\`_deleted\`, \`_version\`) AS _p_deleted`,
    `FROM ${target}`,
    `WHERE ${keyTuple(keyColumns.map((k) => quoteIdent(k.name)))} IN (${placeholderKeys})`,
    `GROUP BY ${keyNames}`,
  ];
  const flags = columns.map((c) => quoteIdent(`_u_${c.name}`));
  const toasted = `${keyTuple(keyColumns.map((k) => quoteIdent(`_c_${k.name}`)))} IN (${placeholderKeys}) AS _toasted`;
  return {
    narrow: [...flags, toasted],
    anyUnavailable: flags.join(' OR '),
    reason: unavailableReasonExpr(table),
    lookup,
    windows: [
      `earlier AS (PARTITION BY ${keys} ORDER BY ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`,
      `whole AS (PARTITION BY ${keys} ORDER BY ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`,
    ].join(', '),
    replace,
    earlier: earlier.join('\n'),
    on: keyColumns.map((k) => `p.${quoteIdent(k.name)} = n.${quoteIdent(`_c_${k.name}`)}`).join(' AND '),
  };
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
