import { quoteIdent, quoteString } from '../../../core/quote.js';
import type { StreamColumn, StreamSpec, StreamTable } from './spec.js';

/**
 * The SQL that reads a Debezium message, shared by every view of the chain so that what is
 * parsed, logged and dead-lettered is decided by one expression. Pure string building.
 */

const INTS = /^U?Int(8|16|32|64)$/;

/** Where a column's value sits: the row object, or a JSON text field inside it (jsonb). */
function location(column: StreamColumn): { doc: string; field: string } {
  return column.json ? { doc: `JSONExtractString(_row, ${quoteString(column.path)})`, field: quoteString(column.json) } : { doc: '_row', field: quoteString(column.path) };
}

function label(column: StreamColumn): string {
  return column.json ? `${column.path}.${column.json}` : column.path;
}

/** Whether the value is there (and not JSON null). */
export function presentExpr(column: StreamColumn): string {
  const { doc, field } = location(column);
  return `(JSONHas(${doc}, ${field}) AND JSONType(${doc}, ${field}) != 'Null')`;
}

/** The value as its type, NULL when it is absent or does not parse as that type (never a silent truncation). */
export function typedExpr(column: StreamColumn): string {
  const { doc, field } = location(column);
  const type = column.type;
  const jsonType = `JSONType(${doc}, ${field})`;
  const raw = `JSONExtractRaw(${doc}, ${field})`;
  const text = `JSONExtractString(${doc}, ${field})`;
  const base = type.replace(/^LowCardinality\((.*)\)$/, '$1');
  if (INTS.test(base)) return `if(${jsonType} IN ('Int64', 'UInt64'), accurateCastOrNull(${raw}, ${quoteString(base)}), NULL)`;
  if (/^Float(32|64)$/.test(base)) return `if(${jsonType} IN ('Int64', 'UInt64', 'Double'), accurateCastOrNull(${raw}, ${quoteString(base)}), NULL)`;
  if (/^Decimal/.test(base)) return `accurateCastOrNull(multiIf(${jsonType} = 'String', ${text}, ${jsonType} IN ('Int64', 'UInt64', 'Double'), ${raw}, NULL), ${quoteString(base)})`;
  if (base === 'String') return `if(${jsonType} = 'String', ${text}, NULL)`;
  if (base === 'Bool') return `if(${jsonType} = 'Bool', JSONExtractBool(${doc}, ${field}), NULL)`;
  if (base === 'UUID') return `if(${jsonType} = 'String', toUUIDOrNull(${text}), NULL)`;
  const time = /^DateTime64\((\d)/.exec(base);
  if (time) {
    const precision = time[1]!;
    switch (column.encoding ?? 'iso8601') {
      case 'epoch_micros': return `if(${jsonType} IN ('Int64', 'UInt64'), fromUnixTimestamp64Micro(assumeNotNull(accurateCastOrNull(${raw}, 'Int64')), 'UTC'), NULL)`;
      case 'epoch_millis': return `if(${jsonType} IN ('Int64', 'UInt64'), fromUnixTimestamp64Milli(assumeNotNull(accurateCastOrNull(${raw}, 'Int64')), 'UTC'), NULL)`;
      default: return `if(${jsonType} = 'String', parseDateTime64BestEffortOrNull(${text}, ${precision}, 'UTC'), NULL)`;
    }
  }
  // Date / Date32: Debezium sends days since 1970 (io.debezium.time.Date), or ISO text.
  if ((column.encoding ?? 'epoch_days') === 'epoch_days') return `if(${jsonType} IN ('Int64', 'UInt64'), addDays(toDate32('1970-01-01'), assumeNotNull(accurateCastOrNull(${raw}, 'Int32'))), NULL)`;
  return `if(${jsonType} = 'String', toDate32OrNull(${text}), NULL)`;
}

/** The stored value: required columns are known to be present and typed here; optional ones default. */
export function valueExpr(column: StreamColumn): string {
  const typed = typedExpr(column);
  return column.optional ? `ifNull(${typed}, defaultValueOfTypeName(${quoteString(column.type)}))` : `CAST(assumeNotNull(${typed}), ${quoteString(column.type)})`;
}

/** The problems a message of this table can have, in order, as (condition, reason) pairs. */
function tableProblems(table: StreamTable): [string, string][] {
  const problems: [string, string][] = [];
  for (const column of table.columns) {
    const isKey = table.key.includes(column.name);
    // A delete carries the row's last state in `before`; only its key is required there.
    const required = isKey ? 'true' : column.optional ? 'false' : "_op != 'd'";
    problems.push([`${required} AND NOT ${presentExpr(column)}`, quoteString(`missing field ${label(column)}`)]);
    problems.push([`${presentExpr(column)} AND (${typedExpr(column)}) IS NULL`, `concat(${quoteString(`type: ${label(column)} is not ${column.type}: `)}, substring(JSONExtractRaw(${location(column).doc}, ${location(column).field}), 1, 100))`]);
  }
  return problems;
}

/** The envelope fields every view reads, from `line`. */
export function envelopeColumns(spec: StreamSpec): string {
  const payload = spec.envelope.wrapper === 'payload' ? "JSONExtractRaw(line, 'payload')" : 'line';
  const version = spec.envelope.version === 'lsn' ? "JSONExtract(_p, 'source', 'lsn', 'Nullable(UInt64)')" : "JSONExtract(_p, 'ts_ms', 'Nullable(UInt64)')";
  return [
    `${payload} AS _p`,
    "JSONExtractString(_p, 'op') AS _op",
    "JSONExtractString(_p, 'source', 'table') AS _table",
    `${version} AS _version`,
    "if(_op = 'd', JSONExtractRaw(_p, 'before'), JSONExtractRaw(_p, 'after')) AS _row",
  ].join(',\n       ');
}

/** Why a message cannot be parsed, or '' when it can: the one expression every view of the chain agrees on. */
export function reasonExpr(spec: StreamSpec): string {
  const tables = spec.tables.map((t) => quoteString(t.source)).join(', ');
  const envelope = spec.envelope.wrapper === 'payload' ? "JSONType(line, 'payload') != 'Object'" : "JSONType(line) != 'Object'";
  const checks: [string, string][] = [
    ["line = '' OR line = 'null'", quoteString('tombstone: a Kafka message without a value (Debezium sends one after each delete, for log compaction)')],
    ['NOT isValidJSON(line)', quoteString('malformed JSON')],
    [envelope, quoteString(spec.envelope.wrapper === 'payload' ? 'no payload object (is the converter\'s schemas.enable what the spec\'s envelope says?)' : 'not a JSON object')],
    ["_op NOT IN ('c', 'u', 'd', 'r')", "concat('unknown op \"', _op, '\"')"],
    [`_table NOT IN (${tables})`, "concat('unknown table \"', _table, '\"')"],
    ['_version IS NULL', quoteString(`missing field ${spec.envelope.version === 'lsn' ? 'source.lsn' : 'ts_ms'}`)],
    ["JSONType(_p, if(_op = 'd', 'before', 'after')) != 'Object'", "concat('missing field ', if(_op = 'd', 'before', 'after'), ' (a ', if(_op = 'd', 'delete', 'change'), ' without its row)')"],
  ];
  const perTable = spec.tables.map((t) => `_table = ${quoteString(t.source)}, multiIf(${tableProblems(t).map(([c, r]) => `${c}, ${r}`).join(', ')}, '')`);
  return `multiIf(${checks.map(([c, r]) => `${c}, ${r}`).join(', ')}, ${perTable.join(', ')}, '')`;
}

/** The key of a parsed message as text, per table (for the parsed log). */
export function keyTextExpr(spec: StreamSpec): string {
  const parts = spec.tables.map((t) => {
    const keys = t.key.map((k) => valueExpr(t.columns.find((c) => c.name === k)!));
    return `_table = ${quoteString(t.source)}, toString(tuple(${keys.join(', ')}))`;
  });
  return `multiIf(${parts.join(', ')}, '')`;
}

/** A processed table's columns as the parse view computes them. */
export function processedSelect(table: StreamTable): string[] {
  return [
    ...table.columns.map((c) => `${valueExpr(c)} AS ${quoteIdent(c.name)}`),
    ...table.computed.map((c) => `CAST(${c.expr}, ${quoteString(c.type)}) AS ${quoteIdent(c.name)}`),
  ];
}
