import type { Check } from './report.js';

/** Comparisons of numbers and rows that validation of any kind uses. */

/** A decimal number as text in one canonical form (`1.50` → `1.5`, `-0` → `0`, NULL → `0`). Pure. */
export function canonicalNumber(value: unknown): string {
  let text = value === null || value === undefined || value === '\\N' ? '0' : String(value).trim();
  if (text === '') text = '0';
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return text;
  const negative = text.startsWith('-');
  let [whole, fraction = ''] = text.replace(/^[+-]/, '').split('.');
  whole = whole!.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

/** Equal as exact decimals, or within a relative 1e-9 when `approximate` (floating point). Pure. */
export function sameNumber(a: unknown, b: unknown, approximate: boolean): boolean {
  if (!approximate) return canonicalNumber(a) === canonicalNumber(b);
  const x = floatOf(a);
  const y = floatOf(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
  return x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)) || Math.abs(x - y) < 1e-12;
}

/** A float as either engine writes it: ClickHouse `nan`, `inf`, `-inf`; PostgreSQL `NaN`, `Infinity`, `-Infinity`. */
function floatOf(value: unknown): number {
  const text = String(value ?? 0)
    .trim()
    .toLowerCase()
    .replace(/^\+/, '');
  if (text === 'inf' || text === 'infinity') return Infinity;
  if (text === '-inf' || text === '-infinity') return -Infinity;
  return text === 'nan' || text === '-nan' ? NaN : Number(text);
}

function keyOf(row: Record<string, unknown>, key: string[]): string {
  return JSON.stringify(key.map((k) => canonicalNumber(row[k])));
}

/**
 * Two answers to the same question, row by row: the same keys, and every value equal (numbers
 * within 1e-9 relative, since sums and ratios of floating point depend on the order of
 * addition; everything else exactly). `sides` names the two answers in the report. Pure.
 */
export function compareRows(
  name: string,
  key: string[],
  left: Record<string, unknown>[],
  right: Record<string, unknown>[],
  sides: { left: string; right: string } = { left: 'ClickHouse', right: 'PostgreSQL' },
): Check[] {
  const a = new Map(left.map((r) => [keyOf(r, key), r]));
  const b = new Map(right.map((r) => [keyOf(r, key), r]));
  const onlyLeft = [...a.keys()].filter((k) => !b.has(k));
  const onlyRight = [...b.keys()].filter((k) => !a.has(k));
  const columns = [...new Set([...Object.keys(left[0] ?? {}), ...Object.keys(right[0] ?? {})])];
  const missing = columns.filter(
    (c) => (left.length > 0 && !(c in left[0]!)) || (right.length > 0 && !(c in right[0]!)),
  );
  const numeric = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
  const differences: unknown[] = [];
  for (const [k, row] of a) {
    const other = b.get(k);
    if (!other) continue;
    for (const column of columns.filter((c) => !missing.includes(c))) {
      const x = row[column];
      const y = other[column];
      const equal =
        numeric.test(String(x)) && numeric.test(String(y))
          ? sameNumber(x, y, true)
          : String(x ?? '') === String(y ?? '');
      if (!equal) differences.push({ key: JSON.parse(k), column, [sides.left]: x, [sides.right]: y });
    }
  }
  const rowsOk = onlyLeft.length + onlyRight.length + missing.length === 0;
  return [
    {
      name: `${name}: rows`,
      status: rowsOk ? 'pass' : 'fail',
      detail: rowsOk
        ? `${a.size} rows, the same keys as ${sides.right}'s`
        : [
            missing.length ? `columns on one side only: ${missing.join(', ')}` : '',
            onlyLeft.length ? `${onlyLeft.length} keys only in ${sides.left}` : '',
            onlyRight.length ? `${onlyRight.length} keys only in ${sides.right}` : '',
          ]
            .filter(Boolean)
            .join('; '),
      problems: [
        ...onlyLeft.map((k) => ({ onlyIn: sides.left, key: JSON.parse(k) })),
        ...onlyRight.map((k) => ({ onlyIn: sides.right, key: JSON.parse(k) })),
      ].slice(0, 20),
    },
    {
      name: `${name}: values`,
      status: differences.length === 0 ? 'pass' : 'fail',
      detail:
        differences.length === 0
          ? `every value equals ${sides.right}'s (${columns.length} columns)`
          : `${differences.length} values differ from ${sides.right}'s`,
      problems: differences.slice(0, 20),
    },
  ];
}
