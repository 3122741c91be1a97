import { quoteIdent, quoteString } from '../../../core/quote.js';
import { EPOCH_DIGITS, TIME_DIGITS, base, type StreamColumn } from './spec.js';

/**
 * How each value Debezium's PostgreSQL connector sends becomes a ClickHouse value, exactly or not at all. Every field
 * is read as its JSON text (a number as its digits, a string unquoted, an object or array as JSON) and converted from
 * that text into the column's type: NULL, then a dead letter, where the conversion would change the value. Read as a
 * number instead, JSON's true would be 1 and 1.5 an integer 1. Pure string building.
 */

const INTS = /^U?Int(8|16|32|64)$/;

/**
 * How a column's field is read: its spec's encoding, else a DateTime64's default iso8601, a date's epoch_days and a
 * Time64's time_micros (a PostgreSQL time); '' where the plain JSON value is read. Pure.
 */
export function encodingOf(column: StreamColumn): string {
  const t = base(column.type);
  return (
    column.encoding ??
    (/^DateTime64/.test(t) ? 'iso8601' : /^Date/.test(t) ? 'epoch_days' : /^Time64/.test(t) ? 'time_micros' : '')
  );
}

/**
 * Debezium's logical type names (a schema field's `name`): the encoding each one's values arrive in, and the column
 * types they can become. Where the messages carry their schema, a Decimal, DateTime64, date or Time64 column is read
 * as each message's schema says.
 */
const LOGICAL_TYPES: Record<string, { encoding: NonNullable<StreamColumn['encoding']>; into: RegExp }> = {
  'org.apache.kafka.connect.data.Decimal': { encoding: 'base64', into: /^Decimal/ },
  'io.debezium.data.VariableScaleDecimal': { encoding: 'variable_scale', into: /^Decimal/ },
  'io.debezium.time.Timestamp': { encoding: 'epoch_millis', into: /^DateTime64/ },
  'org.apache.kafka.connect.data.Timestamp': { encoding: 'epoch_millis', into: /^DateTime64/ },
  'io.debezium.time.MicroTimestamp': { encoding: 'epoch_micros', into: /^DateTime64/ },
  'io.debezium.time.NanoTimestamp': { encoding: 'epoch_nanos', into: /^DateTime64/ },
  'io.debezium.time.ZonedTimestamp': { encoding: 'iso8601', into: /^DateTime64/ },
  'io.debezium.time.Date': { encoding: 'epoch_days', into: /^Date(32)?$/ },
  'org.apache.kafka.connect.data.Date': { encoding: 'epoch_days', into: /^Date(32)?$/ },
  'io.debezium.time.Time': { encoding: 'time_millis', into: /^Time64/ },
  'org.apache.kafka.connect.data.Time': { encoding: 'time_millis', into: /^Time64/ },
  'io.debezium.time.MicroTime': { encoding: 'time_micros', into: /^Time64/ },
  'io.debezium.time.NanoTime': { encoding: 'time_nanos', into: /^Time64/ },
  'io.debezium.time.ZonedTime': { encoding: 'iso8601', into: /^Time64/ },
};

/** The encoding a logical type name's values arrive in, where they can become the type; else undefined. Pure. */
export function logicalEncoding(name: string, type: string): StreamColumn['encoding'] {
  const logical = LOGICAL_TYPES[name];
  return logical?.into.test(base(type)) ? logical.encoding : undefined;
}

/** Whether a column's encoding can come from the message's schema: a top-level Decimal, DateTime64, date or Time64. */
export function schemaTyped(column: StreamColumn): boolean {
  return column.json === undefined && /^(Decimal|DateTime64|Date|Time64)/.test(base(column.type));
}

/**
 * The message's (logical type name, scale) of a column's field, from the classified message's `_schema`, where the
 * chain reads schemas and the column's encoding can come from it; else undefined. Pure.
 */
export function schemaOf(column: StreamColumn, schemas: boolean): string | undefined {
  return schemas && schemaTyped(column) ? `_schema[${quoteString(column.path)}]` : undefined;
}

/** The scale of Decimal(P, S), DecimalN(S), or Decimal(P) (scale 0). Pure. */
export function scaleOf(type: string): number {
  return Number(
    /^Decimal\(\s*\d+\s*,\s*(\d+)\s*\)$/.exec(type)?.[1] ?? /^Decimal\d+\(\s*(\d+)\s*\)$/.exec(type)?.[1] ?? 0,
  );
}

/** The precision of Decimal(P, S) or Decimal(P), and of DecimalN(S) (its storage's: 9, 18, 38 or 76 digits). Pure. */
function precisionOf(type: string): number {
  const declared = /^Decimal\(\s*(\d+)\s*(,\s*\d+\s*)?\)$/.exec(type)?.[1];
  return Number(declared ?? { 32: 9, 64: 18, 128: 38, 256: 76 }[/^Decimal(\d+)\(/.exec(type)?.[1] ?? 128]);
}

/**
 * A decimal value of the column's type, NULL when it has more digits than the type's precision: a cast keeps any
 * value the type's storage holds (Decimal(3, 0) stores 12345), so the precision is checked here, on the unscaled
 * integer the value is stored as. In a lambda, so the value's expression is named once: an alias would be planned
 * again wherever it is used (measured: twice the planning of a decimal). Pure.
 */
function withinPrecision(value: string, type: string): string {
  const p = precisionOf(type);
  const storage = p <= 9 ? 'Int32' : p <= 18 ? 'Int64' : p <= 38 ? 'Int128' : 'Int256';
  const most = '9'.repeat(p);
  return `arrayFilter(v -> reinterpret(v, '${storage}') BETWEEN to${storage}('-${most}') AND to${storage}('${most}'), [${value}])[1]`;
}

/**
 * The unscaled value of Debezium's bytes (base64 of a big-endian two's complement), as Int128: sign-extended to 16
 * bytes; NULL when it is not base64 or longer than 16 bytes. The decoded bytes are named `<alias>_bytes` where first
 * written (ClickHouse resolves an alias anywhere in its SELECT), so the expression stays short. Pure.
 */
function unscaledFromBase64(f: string, alias: string): string {
  const bytes = quoteIdent(`${alias}_bytes`);
  // leftPad takes a constant pad: sign-extend with 0xFF bytes when the first byte's top bit is set.
  const negative = `reinterpretAsUInt8(substring(${bytes}, 1, 1)) >= 128`;
  const unscaled = `reinterpretAsInt128(reverse(if(${negative}, leftPad(${bytes}, 16, unhex('FF')), leftPad(${bytes}, 16, unhex('00')))))`;
  return `if(empty((tryBase64Decode(${f}) AS ${bytes})) OR length(${bytes}) > 16, NULL, ${unscaled})`;
}

/**
 * Debezium's bytes as the bytes themselves: NULL when the text is not base64 (tryBase64Decode gives '' then, as it
 * does for the empty value, which is valid). Pure.
 */
function bytesFromBase64(f: string, bytes: string): string {
  return `if(${f} = '' OR NOT empty((tryBase64Decode(${f}) AS ${bytes})), ${bytes}, NULL)`;
}

/** 10^k as Int256 for k in 0..38, exactly: intExp10 is exact up to 10^19 (UInt64). */
function powerOfTen(k: string): string {
  return `(toInt256(intExp10(least(${k}, 19))) * intExp10(greatest((${k}) - 19, 0)))`;
}

/**
 * Debezium's precise decimal (decimal.handling.mode=precise, Kafka Connect's Decimal): the unscaled value's bytes,
 * the scale being the column's. Taken as Decimal(38, S) without rounding; NULL (a dead letter) when the bytes are not
 * a value or it does not fit the column's precision. Pure.
 */
function decimalFromBase64(f: string, type: string, alias: string): string {
  return `accurateCastOrNull(reinterpret(${unscaledFromBase64(f, alias)}, ${quoteString(`Decimal(38, ${scaleOf(type)})`)}), ${quoteString(type)})`;
}

/**
 * An unscaled value (Int256) at scale `n` (an Int32 expression) brought to the scale S of Decimal(P, S) exactly: as it
 * is at scale S; multiplied up below it; above it, only if the dropped digits are zeros; NULL otherwise, and when it
 * does not fit the column's precision. `n` and the value are named `<alias>_scale` and `<alias>_unscaled`. Pure.
 */
function atColumnScale(unscaled: string, n: string, type: string, alias: string): string {
  const scale = scaleOf(type);
  const [k, u] = [quoteIdent(`${alias}_scale`), quoteIdent(`${alias}_unscaled`)];
  // Each power is of 0 to 38 (10^-k would be 0, a division by zero wherever a branch not taken is evaluated, as for
  // constants). Above 38 more digits than the column's scale, only 0 drops none: |u| < 2^127 < 10^39.
  const [up, down] = [
    powerOfTen(`greatest(${scale} - ${k}, 0)`),
    powerOfTen(`least(greatest(${k} - ${scale}, 0), 38)`),
  ];
  const at = `multiIf((${n} AS ${k}) IS NULL OR ${k} < 0, NULL, ${k} = ${scale}, (${unscaled} AS ${u}), ${k} < ${scale}, ${u} * ${up}, ${k} - ${scale} > 38, if(${u} = 0, ${u}, NULL), ${u} % ${down} = 0, intDiv(${u}, ${down}), NULL)`;
  return `accurateCastOrNull(reinterpret(accurateCastOrNull(${at}, 'Int128'), ${quoteString(`Decimal(38, ${scale})`)}), ${quoteString(type)})`;
}

/**
 * Debezium's precise decimal at a scale the message's schema declares (its `scale` parameter, text): the unscaled
 * bytes brought to the column's scale exactly (see atColumnScale). Pure.
 */
function decimalFromBase64AtScale(f: string, type: string, scale: string, alias: string): string {
  return atColumnScale(`toInt256(${unscaledFromBase64(f, alias)})`, `toInt32OrNull(${scale})`, type, alias);
}

/**
 * Debezium's VariableScaleDecimal (a NUMERIC without a declared scale): `{"scale": N, "value": bytes}`, each value at
 * its own scale, brought to the column's scale exactly (see atColumnScale). Pure.
 */
function decimalFromVariableScale(f: string, type: string, alias: string): string {
  return atColumnScale(
    `toInt256(${unscaledFromBase64(`JSONExtract(${f}, 'value', 'Nullable(String)')`, alias)})`,
    `JSONExtract(${f}, 'scale', 'Nullable(Int32)')`,
    type,
    alias,
  );
}

/**
 * A decimal sent as a string or a number (decimal.handling.mode=string or double): the column's type, NULL when the
 * cast would drop digits (accurateCastOrNull truncates to the scale) or it does not fit. The comparison reads the text
 * at 38 decimals and would drop digits past them too, so plain text's decimals are counted first (without their
 * trailing zeros). Pure.
 */
function decimalFromText(f: string, type: string): string {
  const value = `accurateCastOrNull(${f}, ${quoteString(type)})`;
  const decimals = `length(replaceRegexpOne(extract(${f}, ${quoteString('\\.(\\d*)')}), '0+$', ''))`;
  const plain = `NOT match(${f}, '[eE]')`;
  return `if(toDecimal256OrNull(${f}, 38) = toDecimal256(${value}, 38) AND NOT (${plain} AND ${decimals} > ${scaleOf(type)}), ${value}, NULL)`;
}

/** The value if it lies in the range the type holds (Date32 and DateTime64: 1900–2299; Date: 1970–2149), else NULL. */
function inRange(value: string, type: string): string {
  const [low, high] = type === 'Date' ? ['1970-01-01', '2149-06-06'] : ['1900-01-01', '2299-12-31'];
  const day = `toDate32(${value})`;
  return `if(${day} >= toDate32('${low}') AND ${day} <= toDate32('${high}'), ${value}, NULL)`;
}

/**
 * Whether text `f` is a date as ISO 8601 writes it (YYYY-MM-DD) that exists: the engine's parse reads 2026-02-30 as
 * 2026-03-02 and 2026-13-01 as 1900-01-01, so the date it reads must print as the text. Pure.
 */
function isoDate(f: string): string {
  return `toString(toDate32OrNull(${f})) = ${f}`;
}

/** HH:MM:SS with up to `digits` decimals, each field within its range (the engine's parse reads 12:61 as 13:01). */
const CLOCK_TEXT = (digits: number) => `([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,${digits}})?`;

/**
 * Whether text `f` is a time as ISO 8601 writes it, with up to `digits` decimals: a date that exists, then optionally
 * T or a space, a time of day and an offset (Z or ±HH:MM; none is UTC). The engine's best-effort parse reads a time
 * from much else (12 as January 12th, 2026 as its first day, a number as epoch seconds, 25:00 as the next day's 01:00)
 * and none from an offset with seconds (+05:30:15: Java writes one for such an offset, the PostgreSQL connector never
 * does, as it writes every timestamptz in UTC), so anything else is no time. An offset of less than a day moves the
 * date by one at most, so a time in the range may be written on the day before it (1899-12-31T23:00:00-05:00) or after
 * it (2300-01-01T01:00:00+02:00): those two days, outside Date32, are taken as they exist. Whether the instant is in
 * the range is checked after the parse. Pure.
 */
function isoTimestamp(f: string, digits: number): string {
  const offset = '(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)?';
  const shape = `^\\d{4}-\\d{2}-\\d{2}([T ]${CLOCK_TEXT(digits)}${offset})?$`;
  const date = `substring(${f}, 1, 10)`;
  return `match(${f}, ${quoteString(shape)}) AND (${isoDate(date)} OR ${date} IN ('1899-12-31', '2300-01-01'))`;
}

/** DateTime64's range in seconds: 1900-01-01 up to 2300-01-01, exclusive. */
const [FIRST_SECOND, END_SECOND] = [-2_208_988_800n, 10_413_792_000n];
const INT64_MAX = 2n ** 63n - 1n;

/**
 * PostgreSQL's `infinity` and `-infinity` timestamps as Debezium's PostgreSQL connector sends them in each epoch unit
 * (PostgresValueConverter: the JDBC driver's DATE_POSITIVE_INFINITY / DATE_NEGATIVE_INFINITY taken as microseconds;
 * Long's ends in nanoseconds). A timestamptz (ZonedTimestamp) sends the words `infinity` and `-infinity`.
 */
const INFINITY_COUNTS: Record<string, [bigint, bigint]> = {
  epoch_millis: [9_223_372_036_825_200n, -9_223_372_036_832_400n],
  epoch_micros: [9_223_372_036_825_200_000n, -9_223_372_036_832_400_000n],
  epoch_nanos: [INT64_MAX, -(2n ** 63n)],
};

/**
 * Whether a count `f` of 10^-sent seconds lies in [first, last] and, where the type keeps fewer digits than are sent,
 * is a whole number of the type's units (none dropped). Checked on the number, which is named once.
 */
function countFits(f: string, first: bigint, last: bigint, sent: number, kept: number): string {
  const fits = [`${f} BETWEEN ${first} AND ${last}`];
  if (sent > kept) fits.push(`${f} % ${10 ** (sent - kept)} = 0`);
  return fits.join(' AND ');
}

/**
 * A time parsed from text for a column of `type` with `precision` digits: PostgreSQL keeps microseconds, so below 6
 * digits it is parsed at 6 and kept only where the column's type holds it whole (NULL where digits would drop). Not
 * parsed at the column's digits: at 0, a DateTime64 before 1970 is clamped to 1970-01-01.
 */
function parsedExactly(parse: (digits: number) => string, precision: number, type: string): string {
  const digits = parsedDigits(precision);
  return digits > precision
    ? `arrayFilter(t -> CAST(t, ${quoteString(`Nullable(${type})`)}) = t, [${parse(digits)}])[1]`
    : parse(precision);
}

/** The digits parsedExactly parses a time with for a column of `precision` digits: at least PostgreSQL's 6. */
function parsedDigits(precision: number): number {
  return Math.max(precision, 6);
}

/** The digits a time from an epoch number is made with for DateTime64(P): the encoding's, or P's unit where finer. */
function madeDigits(encoding: string, precision: number): number {
  const digits = EPOCH_DIGITS[encoding]!;
  return precision > digits ? (precision <= 6 ? 6 : 9) : digits;
}

/**
 * The time from an epoch number (Int64) in an encoding's unit: NULL outside DateTime64(P)'s range or if digits drop.
 * It is made in the column's unit where that is finer, so no cast to the column scales it up: a NULL keeps the value
 * it masks, and scaling a masked value up could overflow and fail the whole block. So the range also ends where the
 * count in that unit leaves Int64 (for P = 9, at 2262-04-11 23:47:16.854775807).
 */
function fromEpoch(f: string, encoding: string, precision: number): string {
  const digits = EPOCH_DIGITS[encoding]!;
  const made = madeDigits(encoding, precision);
  const factor = 10n ** BigInt(made - digits);
  const perSecond = 10n ** BigInt(digits);
  const last = END_SECOND * perSecond - 1n < INT64_MAX / factor ? END_SECOND * perSecond - 1n : INT64_MAX / factor;
  const unit = { 3: 'Milli', 6: 'Micro', 9: 'Nano' }[made];
  const count = factor === 1n ? f : `${f} * ${factor}`;
  return `if(${countFits(f, FIRST_SECOND * perSecond, last, digits, precision)}, fromUnixTimestamp64${unit}(${count}, 'UTC'), NULL)`;
}

/**
 * A time for DateTime64(P) (`type`) from the field's text `f` in an encoding (an epoch count must be an integer):
 * exact, NULL outside the column's range or where digits would drop, and PostgreSQL's infinity and -infinity as the
 * latest and earliest time the column holds (ClickHouse has none): comparisons and orderings keep their answers, a
 * valid_until of infinity stays later than any real time. In a lambda, so the field's expression is planned once
 * (see withinPrecision).
 */
function dateTime64(f: string, encoding: string, precision: number, type: string): string {
  const v = 'sent';
  const epoch = encoding in EPOCH_DIGITS;
  const value = epoch
    ? fromEpoch(v, encoding, precision)
    : `if(${isoTimestamp(v, parsedDigits(precision))}, ${inRange(
        parsedExactly((d) => `parseDateTime64BestEffortOrNull(${v}, ${d}, 'UTC')`, precision, type),
        type,
      )}, NULL)`;
  const [positive, negative] = epoch
    ? INFINITY_COUNTS[encoding]!.map((n) => `${v} = toInt64('${n}')`)
    : ['infinity', '-infinity'].map((word) => `${v} = '${word}'`);
  const fraction = precision > 0 ? `.${'9'.repeat(precision)}` : '';
  const latest = precision === 9 ? '2262-04-11 23:47:16.854775807' : `2299-12-31 23:59:59${fraction}`;
  const at = (time: string) => `toDateTime64('${time}', ${precision}, 'UTC')`;
  // The value as the column's own type (made exactly, in a unit as fine or finer), which every encoding a message's
  // schema picks between then shares: their common type would be DateTime64(9), which ends in 2262 and fails the whole
  // block on a later time any of them holds.
  const made = epoch ? madeDigits(encoding, precision) : parsedDigits(precision);
  const own = made === precision ? value : `CAST(${value}, ${quoteString(`Nullable(${type})`)})`;
  const sent = epoch ? `toInt64OrNull(${f})` : f;
  return `arrayMap(${v} -> multiIf(${positive}, ${at(latest)}, ${negative}, ${at('1900-01-01 00:00:00')}, ${own}), [${sent}])[1]`;
}

/**
 * A time of day (PostgreSQL's time, 00:00:00 to 24:00:00) as Time64(P): from a count since midnight in an encoding's
 * unit, or from ZonedTime's text (`HH:MM:SS.ffffffZ`, always UTC). NULL outside the day and where P would drop digits.
 */
function timeOfDay(f: string, encoding: string, precision: number): string {
  const type = quoteString(`Time64(${precision})`);
  const digits = TIME_DIGITS[encoding];
  if (digits !== undefined) {
    const fits = countFits('n', 0n, 86_400n * 10n ** BigInt(digits), digits, precision);
    return `arrayMap(n -> if(${fits}, CAST(reinterpret(assumeNotNull(n), 'Decimal64(${digits})'), ${type}), NULL), [toInt64OrNull(${f})])[1]`;
  }
  // HH:MM:SS[.f] and an optional Z, or 24:00:00 (PostgreSQL's end of the day): the engine's parse reads 12:00 as
  // 00:12:00 and 12:61:00 as 13:01:00.
  const digitsSent = parsedDigits(precision);
  const shape = `^(${CLOCK_TEXT(digitsSent)}|24:00:00(\\.0{1,${digitsSent}})?)Z?$`;
  const text = `if(endsWith(${f}, 'Z'), substring(${f}, 1, length(${f}) - 1), ${f})`;
  const parsed = parsedExactly((d) => `toTime64OrNull(${text}, ${d})`, precision, `Time64(${precision})`);
  return `if(match(${f}, ${quoteString(shape)}), ${parsed}, NULL)`;
}

/**
 * The typed value from the extracted field `f` (Nullable): NULL when it does not convert exactly. With `schema`, the
 * message's (name, scale) of the field's logical type: a schema-typed column is read as it names (see
 * LOGICAL_TYPES), as the spec says where it names none, and is NULL under a name that cannot become the type.
 */
export function convertExpr(column: StreamColumn, f: string, schema?: string): string {
  if (schema === undefined || !schemaTyped(column)) return typedValue(column, f);
  // The names each encoding stands for; '' (no name) is read in the spec's encoding, with the names of that one
  // where they share it (a base64 decimal takes its scale from the name's parameters, so it keeps its own branch).
  const names = new Map<string, string[]>();
  for (const logical of Object.keys(LOGICAL_TYPES)) {
    const encoding = logicalEncoding(logical, column.type);
    if (encoding) names.set(encoding, [...(names.get(encoding) ?? []), logical]);
  }
  const own = encodingOf(column);
  const shared = own !== 'base64' && names.has(own);
  const name = `${schema}.1`;
  const branches = [...names].flatMap(([encoding, logical]) => {
    const read = { ...column, encoding: encoding as StreamColumn['encoding'] };
    return [
      `${name} IN (${[...logical, ...(shared && encoding === own ? [''] : [])].map(quoteString).join(', ')})`,
      typedValue(read, f, `${schema}.2`),
    ];
  });
  if (!shared) branches.push(`${name} = ''`, typedValue(column, f));
  return `multiIf(${branches.join(', ')}, NULL)`;
}

/**
 * A double from its JSON text: a JSON number, or the strings "NaN", "Infinity" and "-Infinity" that Jackson writes
 * for those values; NULL for anything else (true, a word, a number too large for a double). Pure.
 */
function float64(f: string): string {
  const value = `toFloat64OrNull(${f})`;
  return `if(isFinite(${value}) OR ${f} IN ('NaN', 'Infinity', '-Infinity'), ${value}, NULL)`;
}

/**
 * A PostgreSQL real, which arrives as the shortest decimal that names its float (Java's Float.toString) and no double
 * holds exactly (0.1), from its JSON text: rounded back to the float it names, NULL beyond Float32's range. NaN and
 * the infinities stay what they are. In a lambda, so the double is planned once. Pure.
 */
function float32(f: string): string {
  return `arrayMap(d -> if(isFinite(toFloat32(d)) OR NOT isFinite(d), toFloat32(d), NULL), [${float64(f)}])[1]`;
}

/** A boolean from its JSON text: true or false, anything else (a number, a word) NULL. Pure. */
function bool(f: string): string {
  return `multiIf(${f} = 'true', true, ${f} = 'false', false, NULL)`;
}

/** The typed value of `f` in the column's own encoding; a base64 decimal at `scale` (text) where one is given. */
function typedValue(column: StreamColumn, f: string, scale?: string): string {
  const t = base(column.type);
  if (INTS.test(t)) return `to${t}OrNull(${f})`;
  if (t === 'Float64') return float64(f);
  if (t === 'Float32') return float32(f);
  if (t === 'Bool') return bool(f);
  // Intermediate values (a decimal's, bytes) are named after the column and encoding: one name, one expression.
  const alias = `_dec_${column.name}_${column.encoding}`;
  if (/^Decimal/.test(t)) {
    if (column.encoding === 'variable_scale') return withinPrecision(decimalFromVariableScale(f, t, alias), t);
    if (column.encoding !== 'base64') return withinPrecision(decimalFromText(f, t), t);
    return withinPrecision(
      scale === undefined ? decimalFromBase64(f, t, alias) : decimalFromBase64AtScale(f, t, scale, `${alias}_at`),
      t,
    );
  }
  // Bytes (a bytea under binary.handling.mode=bytes, the default): base64 in JSON, stored as the bytes themselves.
  if (column.encoding === 'base64') return bytesFromBase64(f, quoteIdent(`${alias}_bytes`));
  if (t === 'UUID') return `toUUIDOrNull(${f})`;
  const array = /^Array\((.*)\)$/.exec(t);
  // An array stays its JSON text until the processed table. Each element is read as its JSON text and converted as a
  // column of its type is; every one must convert (of Nullable elements, a JSON null stays one), and there must be as
  // many as the text holds (JSONExtract gives [] for an array it cannot read). In lambdas: each text is planned once.
  if (array) {
    const nullable = /^Nullable\((.*)\)$/.exec(array[1]!);
    const element: StreamColumn = { name: column.name, path: column.path, type: nullable?.[1] ?? array[1]! };
    const texts = "JSONExtract(ifNull(json, ''), 'Array(Nullable(String))')";
    const fails = nullable ? 'arrayExists((v, x) -> v IS NULL AND x IS NOT NULL, e, t)' : 'has(e, NULL)';
    const whole = `arrayMap(e -> length(e) = JSONLength(json) AND NOT ${fails}, [arrayMap(x -> ${typedValue(element, 'x')}, t)])[1]`;
    return `arrayMap(json -> if(isValidJSON(json) AND JSONType(json) = 'Array' AND arrayMap(t -> ${whole}, [${texts}])[1], json, NULL), [${f}])[1]`;
  }
  const time = /^DateTime64\((\d)/.exec(t);
  if (time) return dateTime64(f, encodingOf(column), Number(time[1]), t);
  const clock = /^Time64\((\d)\)$/.exec(t);
  if (clock) return timeOfDay(f, encodingOf(column), Number(clock[1]));
  if (/^Date/.test(t))
    return inRange(
      encodingOf(column) === 'epoch_days'
        ? `arrayMap(n -> if(n BETWEEN -25567 AND 120529, addDays(toDate32('1970-01-01'), n), NULL), [toInt32OrNull(${f})])[1]`
        : `if(${isoDate(f)}, toDate32OrNull(${f}), NULL)`,
      t,
    );
  return f;
}
