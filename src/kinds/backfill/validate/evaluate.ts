import type { Check } from '../../../validate/report.js';

/** The raw answers of a backfill plan's validation queries for one partition. */
export interface BackfillInputs {
  counts: { day: string; expected: string; actual_rows: string; actual_ids: string }[];
  totals: { expected_usage: string; actual_usage: string; expected_cost: string; actual_cost: string; duplicate_rows: string };
  /** Per day of the partition: the expected and the actual row of the enrichment checksums. */
  enrichment: { day: string; expected: Record<string, string>; actual: Record<string, string> }[];
  publish: 'replace' | 'missing-only';
}

const NOT_CHECKSUMS = new Set(['side', 'rows', 'orphans']);
const MAX_PROBLEMS = 25;

/** Verdicts for one partition. Pure. */
export function evaluatePartition(inputs: BackfillInputs): Check[] {
  const checks: Check[] = [];
  const sum = (field: 'expected' | 'actual_rows' | 'actual_ids') => inputs.counts.reduce((n, c) => n + BigInt(c[field]), 0n);
  const [expected, rows, ids] = [sum('expected'), sum('actual_rows'), sum('actual_ids')];
  checks.push({
    name: 'event count',
    status: expected === rows && rows === ids ? 'pass' : 'fail',
    detail: `${rows} events (${ids} distinct ids) for ${expected} latest non-deleted observations`,
  });
  const days = inputs.counts.filter((c) => c.expected !== c.actual_rows);
  checks.push({
    name: 'events per day',
    status: days.length === 0 ? 'pass' : 'fail',
    detail: days.length === 0 ? `${inputs.counts.length} days agree` : `${days.length} of ${inputs.counts.length} days differ`,
    ...(days.length ? { problems: days.slice(0, MAX_PROBLEMS) } : {}),
  });
  const t = inputs.totals;
  checks.push({ name: 'usage total', status: t.expected_usage === t.actual_usage ? 'pass' : 'fail', detail: `${t.actual_usage} tokens, expected ${t.expected_usage}` });
  checks.push({ name: 'cost total', status: t.expected_cost === t.actual_cost ? 'pass' : 'fail', detail: `${t.actual_cost}, expected ${t.expected_cost}` });
  const duplicates = Number(t.duplicate_rows);
  checks.push({
    name: 'no event stored twice',
    // In missing-only mode the application writes the same table; ReplacingMergeTree folds such rows when it merges.
    status: duplicates === 0 ? 'pass' : inputs.publish === 'replace' ? 'fail' : 'warn',
    detail: duplicates === 0 ? 'every (project_id, span_id) once' : `${duplicates} rows repeat a (project_id, span_id)`,
  });
  const differing: { day: string; column: string }[] = [];
  let orphans = 0n;
  let enrichedRows = 0n;
  for (const day of inputs.enrichment) {
    orphans += BigInt(day.expected.orphans ?? '0');
    enrichedRows += BigInt(day.actual.rows ?? '0');
    if (day.expected.rows !== day.actual.rows) differing.push({ day: day.day, column: '(row count)' });
    for (const column of Object.keys(day.expected).filter((k) => !NOT_CHECKSUMS.has(k))) {
      if (day.expected[column] !== day.actual[column]) differing.push({ day: day.day, column });
    }
  }
  const columns = Object.keys(inputs.enrichment[0]?.expected ?? {}).filter((k) => !NOT_CHECKSUMS.has(k));
  checks.push({
    name: 'enriched columns',
    status: differing.length === 0 ? 'pass' : 'fail',
    detail: differing.length === 0
      ? `${columns.join(', ')}: every one of ${enrichedRows} events equals its trace's latest version`
      : `${differing.length} (day, column) pairs differ from the traces' latest versions: ${[...new Set(differing.map((d) => d.column))].join(', ')}`,
    ...(differing.length ? { problems: differing.slice(0, MAX_PROBLEMS) } : {}),
  });
  checks.push({
    name: 'orphan observations',
    status: orphans === 0n ? 'pass' : 'warn',
    detail: orphans === 0n ? 'every observation found its trace' : `${orphans} observations found no trace (none, deleted, or outside the lookup margin) and were loaded with empty trace attributes`,
  });
  return checks;
}
