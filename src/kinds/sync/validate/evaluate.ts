import type { Check } from '../../../validate/report.js';
import type { ColumnCheck } from '../plan/column-checks.js';
import { sameNumber } from '../../../validate/compare.js';

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
    const window = months.length <= 1 && months.every((m) => m === 'window');
    result.push({
      name,
      status: problems.length === 0 ? 'pass' : 'fail',
      detail: window
        ? problems.length === 0
          ? alias === 'n'
            ? `${total} rows, as in PostgreSQL`
            : 'equal'
          : `ClickHouse ${String(problems[0]!.clickhouse)}, PostgreSQL ${String(problems[0]!.postgres)}`
        : problems.length === 0
          ? alias === 'n'
            ? `${total} rows in ${plural(months.length, 'month')}, as in PostgreSQL`
            : `equal in ${months.length === 1 ? 'its one month' : `all ${months.length} months`}`
          : `differs in ${problems.length} of ${plural(months.length, 'month')} (first ${problems[0]!.month}: ClickHouse ${String(problems[0]!.clickhouse)}, PostgreSQL ${String(problems[0]!.postgres)})`,
      problems,
    });
  };
  compare(
    `${table}: rows${clickhouse.concat(postgres).every((r) => r.m === 'window') ? '' : ' per month'}`,
    'n',
    false,
  );
  for (const check of checks) compare(`${table}: ${check.label}`, check.alias, check.approximate);
  return result;
}

/** Keys on one side only, as the missing_in_* statements count them. Pure. */
export function keyCheck(
  table: string,
  side: 'ClickHouse' | 'PostgreSQL',
  found: { keys: string; sample: string[] } | undefined,
): Check {
  const n = Number(found?.keys ?? 0);
  const other = side === 'ClickHouse' ? 'PostgreSQL' : 'ClickHouse';
  return {
    name: `${table}: keys only in ${side}`,
    status: n === 0 ? 'pass' : 'fail',
    detail:
      n === 0
        ? 'none'
        : `${n} keys are in ${side} but not in ${other}, e.g. ${(found?.sample ?? []).slice(0, 5).join(' ')}${side === 'ClickHouse' ? ' (deleted in PostgreSQL: chplan sync --reconcile)' : ' (not loaded yet: run chplan sync; if a sync already ran, they were committed later than the lookback or their cursor went backwards, and chplan sync --full-refresh reloads them)'}`,
    problems: found?.sample ?? [],
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
