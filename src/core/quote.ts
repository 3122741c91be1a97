/**
 * The one place that turns names and values into SQL text. Map keys come from data,
 * so everything here assumes hostile input: quotes, backslashes, backticks, control
 * characters, unicode, the empty string.
 */

const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
};

function escapeControl(char: string): string {
  return STRING_ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** A ClickHouse string literal: `quoteString("it's")` → `'it\'s'`. */
export function quoteString(value: string): string {
  return `'${value.replace(/[\\'\x00-\x1f\x7f]/g, escapeControl)}'`;
}

/**
 * A backtick-quoted identifier: `quoteIdent('int1')` → `` `int1` ``. A backtick inside is
 * doubled (both ClickHouse and the SQL formatter read that form).
 */
export function quoteIdent(name: string): string {
  return `\`${name.replace(/[\\`\x00-\x1f\x7f]/g, (c) => (c === '`' ? '``' : escapeControl(c)))}\``;
}

/** `db`.`table` */
export function quoteTable(table: { database: string; name: string }): string {
  return `${quoteIdent(table.database)}.${quoteIdent(table.name)}`;
}

/** An array literal of strings: `['a', 'b']`. */
export function quoteStringArray(values: readonly string[]): string {
  return `[${values.map(quoteString).join(', ')}]`;
}

/**
 * Text safe inside a `--` SQL comment: control characters would end the comment and
 * let data become SQL, so they are shown escaped.
 */
export function commentSafe(value: string): string {
  return value.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
