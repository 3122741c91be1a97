import { quoteString } from '../../../core/quote.js';
import type { StreamColumn } from './spec.js';

/**
 * How each value Debezium's PostgreSQL connector sends becomes a ClickHouse value, exactly or not at all: what
 * JSONExtract reads a field as, and the conversion that turns it into the column's type (NULL, then a dead letter,
 * where it would change the value). Pure string building.
 */

const SMALL_INTS = /^U?Int(8|16|32)$/;
const BIG_INTS = /^U?Int64$/;

/** The type without LowCardinality. */
export function base(type: string): string {
  return type.replace(/^LowCardinality\((.*)\)$/, '$1');
}

/**
 * How a column's field is read: its spec's encoding, else a DateTime64's default iso8601 and a date's epoch_days; ''
 * where the plain JSON value is read. Pure.
 */
export function encodingOf(column: StreamColumn): string {
  const t = base(column.type);
  return column.encoding ?? (/^DateTime64/.test(t) ? 'iso8601' : /^Date/.test(t) ? 'epoch_days' : '');
}

/** What JSONExtract reads a column's field as (lenient where a later conversion is strict). */
export function extractType(column: StreamColumn): string {
  const t = base(column.type);
  if (SMALL_INTS.test(t) || /^Float/.test(t)) return 'Float64';
  if (BIG_INTS.test(t)) return t;
  if (t === 'Bool') return 'Bool';
  if (/^DateTime64/.test(t)) return /^epoch_/.test(encodingOf(column)) ? 'Int64' : 'String';
  if (/^Date/.test(t)) return encodingOf(column) === 'epoch_days' ? 'Int32' : 'String';
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
      encodingOf(column) === 'epoch_days'
        ? `if(${f} BETWEEN -25567 AND 120529, addDays(toDate32('1970-01-01'), ${f}), NULL)`
        : `toDate32OrNull(${f})`,
      t,
    );
  return f;
}
