import type { Check } from '../../../validate/report.js';

/** One day of the row-by-row comparison (validate_events). */
export interface EventsDay {
  day: string;
  expected: string;
  actual: string;
  extra: string;
  missing: string;
  orphans: string;
  /** Rows in both whose columns differ from the recomputation. */
  differing_rows: string;
  /** Column → rows whose value differs (10_validate_columns, asked only when rows differ). */
  differing?: Record<string, string>;
  /** `project_id span_id start_time` of up to 10 rows that are missing, extra or differ. */
  sample: string[];
}

/** The raw answers of a backfill plan's validation queries for one partition of one table. */
export interface BackfillAnswers {
  days: EventsDay[];
  totals: {
    expected_usage: string;
    actual_usage: string;
    expected_cost: string;
    actual_cost: string;
    duplicate_rows: string;
  };
  publish: 'replace' | 'missing-only';
}

const MAX_PROBLEMS = 25;
const total = (days: EventsDay[], field: 'expected' | 'actual' | 'extra' | 'missing' | 'orphans') =>
  days.reduce((n, d) => n + BigInt(d[field]), 0n);

/** Verdicts for one partition. Pure. */
export function evaluatePartition(inputs: BackfillAnswers): Check[] {
  const { days } = inputs;
  // missing-only shares the table with what the application writes: its own rows are not the backfill's to check.
  const shared = inputs.publish === 'missing-only';
  const [expected, actual, extra, missing, orphans] = [
    total(days, 'expected'),
    total(days, 'actual'),
    total(days, 'extra'),
    total(days, 'missing'),
    total(days, 'orphans'),
  ];
  const samples = days.flatMap((d) => d.sample.map((row) => ({ day: d.day, row }))).slice(0, MAX_PROBLEMS);
  const checks: Check[] = [
    {
      name: 'every event present',
      status: missing === 0n ? 'pass' : 'fail',
      detail:
        missing === 0n
          ? `${expected} events, as recomputed from observations and traces`
          : `${missing} of ${expected} events are missing`,
      ...(missing > 0n ? { problems: samples } : {}),
    },
    {
      name: 'no event that should not be there',
      status: extra === 0n ? 'pass' : shared ? 'warn' : 'fail',
      detail:
        extra === 0n
          ? `${actual} rows, none extra`
          : `${extra} of ${actual} rows are not an event the backfill would write (a deleted or superseded version, or another writer's row)`,
      ...(extra > 0n ? { problems: samples } : {}),
    },
  ];
  const rows = days.reduce((n, d) => n + BigInt(d.differing_rows), 0n);
  const differing = new Map<string, bigint>();
  for (const d of days)
    for (const [column, n] of Object.entries(d.differing ?? {}))
      differing.set(column, (differing.get(column) ?? 0n) + BigInt(n));
  const wrong = [...differing].filter(([, n]) => n > 0n);
  checks.push({
    name: 'every column equal',
    status: rows === 0n ? 'pass' : shared ? 'warn' : 'fail',
    detail:
      rows === 0n
        ? `every column of every event equals its recomputation`
        : `${rows} rows differ${wrong.length ? `, in ${wrong.map(([c, n]) => `${c} (${n})`).join(', ')}` : ''}`,
    ...(rows > 0n ? { problems: samples } : {}),
  });
  const t = inputs.totals;
  checks.push({
    name: 'usage total',
    status: t.expected_usage === t.actual_usage ? 'pass' : shared ? 'warn' : 'fail',
    detail: `${t.actual_usage} tokens, expected ${t.expected_usage}`,
  });
  checks.push({
    name: 'cost total',
    status: t.expected_cost === t.actual_cost ? 'pass' : shared ? 'warn' : 'fail',
    detail: `${t.actual_cost}, expected ${t.expected_cost}`,
  });
  const duplicates = Number(t.duplicate_rows);
  checks.push({
    name: 'no event stored twice',
    // In missing-only mode the application writes the same table; ReplacingMergeTree folds such rows when it merges.
    status: duplicates === 0 ? 'pass' : shared ? 'warn' : 'fail',
    detail:
      duplicates === 0
        ? 'every (project_id, span_id, start_time) once'
        : `${duplicates} rows repeat a (project_id, span_id, start_time)`,
  });
  checks.push({
    name: 'observations without their trace',
    status: orphans === 0n ? 'pass' : 'warn',
    detail:
      orphans === 0n
        ? 'every observation found its trace in the partition'
        : `${orphans} observations have no trace in the same month (none, or one of another month) and carry empty trace attributes, as Langfuse writes them`,
  });
  return checks;
}
