import { quoteIdent, quoteString } from '../../../core/quote.js';
import { convertExpr, schemaOf } from './encodings.js';
import { base, type StreamColumn, type StreamTable } from './spec.js';

/**
 * Unchanged TOASTed values: under REPLICA IDENTITY DEFAULT an update that leaves a TOASTed column unchanged sends
 * Debezium's placeholder instead of its value. The SQL that finds the placeholder and fills in the row's earlier value.
 * Pure string building.
 */

/** What Debezium sends for a TOASTed value it does not have (`unavailable.value.placeholder`'s default). */
export const TOAST_PLACEHOLDER = '__debezium_unavailable_value';
/** The placeholder where the value is bytes (a bytea, a NUMERIC in the precise encoding): base64 of its UTF-8. */
export const TOAST_PLACEHOLDER_BYTES = Buffer.from(TOAST_PLACEHOLDER).toString('base64');
/** The placeholder where the value is a uuid[]'s element: Java's UUID.nameUUIDFromBytes of its UTF-8. */
const TOAST_PLACEHOLDER_UUID = 'b68a35a7-17ad-35b3-af2a-ae46edb4545a';

/**
 * The elements of an unchanged TOASTed array, by its PostgreSQL type (debezium/debezium `aad5519`,
 * UnchangedToastedPlaceholder.java and UnchangedToastedReplicationMessageColumn.java): text[], varchar[], json[] and
 * jsonb[] hold the placeholder, bytea[] its base64, uuid[] its name-based UUID, integer[], date[] and bigint[] its
 * bytes as numbers; any other array is the placeholder itself, where the array belongs.
 */
const TOAST_ARRAY_FORMS: (string | number)[][] = [
  [TOAST_PLACEHOLDER],
  [TOAST_PLACEHOLDER_BYTES],
  [TOAST_PLACEHOLDER_UUID],
  [...Buffer.from(TOAST_PLACEHOLDER)],
];
/** Each form's elements joined by commas: as text, what a row or a stored array holding it contains. */
const TOAST_ARRAY_ELEMENTS = TOAST_ARRAY_FORMS.map((form) => form.join(','));
/** An unchanged TOASTed hstore under hstore.handling.mode=json (the default): a map of the placeholder to itself. */
const TOAST_PLACEHOLDER_HSTORE = JSON.stringify({ [TOAST_PLACEHOLDER]: TOAST_PLACEHOLDER });

/**
 * Whether a processed column holds a form of the placeholder (never, in a right chain): a text column the placeholder,
 * its base64 (bytes read as text) or an hstore's map of it; an array one of the array forms. Pure.
 */
export function holdsPlaceholder(column: StreamColumn): string | null {
  const name = quoteIdent(column.name);
  if (/^Array/.test(column.type))
    return `arrayStringConcat(arrayMap(x -> toString(x), ${name}), ',') IN (${TOAST_ARRAY_ELEMENTS.map(quoteString).join(', ')})`;
  if (base(column.type) !== 'String') return null;
  const forms = [TOAST_PLACEHOLDER, TOAST_PLACEHOLDER_BYTES, TOAST_PLACEHOLDER_HSTORE];
  return `${name} IN (${forms.map(quoteString).join(', ')})`;
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

/**
 * The columns PostgreSQL may store out of line (TOAST): variable-length values (text, bytes, decimals, arrays) and the
 * fields of a JSON text. Keys and fixed-width values (numbers, times, UUIDs) never are. Pure.
 */
export function toastable(table: StreamTable): StreamColumn[] {
  return table.columns.filter(
    (c) =>
      !table.key.includes(c.name) &&
      (c.json !== undefined || !/^(U?Int(8|16|32|64)|Float(32|64)|Bool)$/.test(base(c.type))) &&
      !/^(UUID|Date|DateTime|Time64)/.test(base(c.type)),
  );
}

/**
 * Whether the column's field arrived as Debezium's placeholder (for a JSON field: the JSON text it is read from). A
 * decimal whose encoding the message's schema picks (`schemas`) may carry it in any of the decimal encodings.
 */
export function unavailableCondition(column: StreamColumn, schemas: boolean): string {
  const field = `_v.${quoteIdent(column.path)}`;
  if (schemaOf(column, schemas))
    return `ifNull(${field} = ${quoteString(TOAST_PLACEHOLDER)} OR position(${field}, ${quoteString(TOAST_PLACEHOLDER_BYTES)}) > 0, false)`;
  if (/^Array/.test(column.type))
    return `ifNull(${field} IN (${[TOAST_PLACEHOLDER, ...TOAST_ARRAY_FORMS.map((form) => JSON.stringify(form))].map(quoteString).join(', ')}), false)`;
  // A VariableScaleDecimal is an object whose value holds the bytes.
  if (column.encoding === 'variable_scale')
    return `ifNull(position(${field}, ${quoteString(TOAST_PLACEHOLDER_BYTES)}) > 0, false)`;
  if (column.encoding === 'base64') return `ifNull(${field} = ${quoteString(TOAST_PLACEHOLDER_BYTES)}, false)`;
  return `ifNull(${field} IN (${[TOAST_PLACEHOLDER, TOAST_PLACEHOLDER_HSTORE].map(quoteString).join(', ')}), false)`;
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
  schemas: boolean,
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
    convertExpr(k, `JSONExtract(_row, ${quoteString(k.path)}, 'Nullable(String)')`, schemaOf(k, schemas)),
  );
  const keyTuple = (names: string[]) => (names.length === 1 ? names[0]! : `(${names.join(', ')})`);
  const placeholderKeys = `SELECT ${blockKeys.join(', ')} FROM ${classified} WHERE _reason = '' AND _table = ${quoteString(table.source)} AND _op IN ('c', 'u', 'r') AND multiSearchAny(_row, [${TOAST_ARRAY_ELEMENTS.map(quoteString).join(', ')}])`;
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
