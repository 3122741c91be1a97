import type { Check } from '../../../validate/report.js';
import type { ColumnCheck } from '../plan/compile.js';

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
  const x = Number(a ?? 0);
  const y = Number(b ?? 0);
  return x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)) || Math.abs(x - y) < 1e-12;
}

type Totals = Record<string, unknown> & { m: string; n: string };

/** Row counts and column totals per month, ClickHouse against PostgreSQL. Pure. */
export function compareTotals(table: string, clickhouse: Totals[], postgres: Totals[], checks: ColumnCheck[]): Check[] {
  const months = [...new Set([...clickhouse.map((r) => String(r.m)), ...postgres.map((r) => String(r.m))])].sort();
  const ch = new Map(clickhouse.map((r) => [String(r.m), r]));
  const pg = new Map(postgres.map((r) => [String(r.m), r]));
  const result: Check[] = [];
  const compare = (name: string, alias: string, approximate: boolean) => {
    const problems = months
      .filter((m) => !sameNumber(ch.get(m)?.[alias] ?? 0, pg.get(m)?.[alias] ?? 0, approximate))
      .map((m) => ({ month: m, clickhouse: ch.get(m)?.[alias] ?? null, postgres: pg.get(m)?.[alias] ?? null }));
    const total = postgres.reduce((sum, r) => (alias === 'n' ? sum + Number(r.n) : sum), 0);
    result.push({
      name,
      status: problems.length === 0 ? 'pass' : 'fail',
      detail: problems.length === 0
        ? alias === 'n' ? `${total} rows in ${months.length} months, as in PostgreSQL` : `equal in all ${months.length} months`
        : `differs in ${problems.length} of ${months.length} months (first ${problems[0]!.month}: ClickHouse ${String(problems[0]!.clickhouse)}, PostgreSQL ${String(problems[0]!.postgres)})`,
      problems,
    });
  };
  compare(`${table}: rows per month`, 'n', false);
  for (const check of checks) compare(`${table}: ${check.label}`, check.alias, check.approximate);
  return result;
}

/** Keys on one side only, as the missing_in_* statements count them. Pure. */
export function keyCheck(table: string, side: 'ClickHouse' | 'PostgreSQL', found: { keys: string; sample: string[] } | undefined): Check {
  const n = Number(found?.keys ?? 0);
  const other = side === 'ClickHouse' ? 'PostgreSQL' : 'ClickHouse';
  return {
    name: `${table}: keys only in ${side}`,
    status: n === 0 ? 'pass' : 'fail',
    detail: n === 0 ? 'none' : `${n} keys are in ${side} but not in ${other}, e.g. ${(found?.sample ?? []).slice(0, 5).join(' ')}${side === 'ClickHouse' ? ' (deleted in PostgreSQL: chplan sync --reconcile)' : ' (not loaded yet: run chplan sync; if a sync already ran, they were committed later than the lookback or their cursor went backwards, and chplan sync --full-refresh reloads them)'}`,
    problems: found?.sample ?? [],
  };
}

function keyOf(row: Record<string, unknown>, key: string[]): string {
  return JSON.stringify(key.map((k) => canonicalNumber(row[k])));
}

/**
 * A KPI view against PostgreSQL's own answer: the same rows by key, and every value equal
 * (numbers within 1e-9 relative: ratios are floating point on both sides). Pure.
 */
export function compareKpi(name: string, key: string[], clickhouse: Record<string, unknown>[], postgres: Record<string, unknown>[]): Check[] {
  const ch = new Map(clickhouse.map((r) => [keyOf(r, key), r]));
  const pg = new Map(postgres.map((r) => [keyOf(r, key), r]));
  const onlyCh = [...ch.keys()].filter((k) => !pg.has(k));
  const onlyPg = [...pg.keys()].filter((k) => !ch.has(k));
  const columns = [...new Set([...Object.keys(clickhouse[0] ?? {}), ...Object.keys(postgres[0] ?? {})])];
  const missing = columns.filter((c) => (clickhouse.length > 0 && !(c in clickhouse[0]!)) || (postgres.length > 0 && !(c in postgres[0]!)));
  const differences: unknown[] = [];
  for (const [k, row] of ch) {
    const other = pg.get(k);
    if (!other) continue;
    for (const column of columns.filter((c) => !missing.includes(c))) {
      const a = row[column];
      const b = other[column];
      const numeric = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
      const equal = numeric.test(String(a)) && numeric.test(String(b)) ? sameNumber(a, b, true) : String(a ?? '') === String(b ?? '');
      if (!equal) differences.push({ key: JSON.parse(k), column, clickhouse: a, postgres: b });
    }
  }
  return [
    {
      name: `${name}: rows`,
      status: onlyCh.length + onlyPg.length + missing.length === 0 ? 'pass' : 'fail',
      detail: onlyCh.length + onlyPg.length + missing.length === 0
        ? `${ch.size} rows, the same keys as PostgreSQL's`
        : [missing.length ? `columns on one side only: ${missing.join(', ')}` : '', onlyCh.length ? `${onlyCh.length} keys only in ClickHouse` : '', onlyPg.length ? `${onlyPg.length} keys only in PostgreSQL` : ''].filter(Boolean).join('; '),
      problems: [...onlyCh.map((k) => ({ onlyIn: 'ClickHouse', key: JSON.parse(k) })), ...onlyPg.map((k) => ({ onlyIn: 'PostgreSQL', key: JSON.parse(k) }))].slice(0, 20),
    },
    {
      name: `${name}: values`,
      status: differences.length === 0 ? 'pass' : 'fail',
      detail: differences.length === 0 ? `every value equals PostgreSQL's (${columns.length} columns)` : `${differences.length} values differ from PostgreSQL's`,
      problems: differences.slice(0, 20),
    },
  ];
}
