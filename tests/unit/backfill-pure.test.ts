import { describe, expect, it } from 'vitest';
import { chunkOf, partitionsBetween, partitionUnit } from '../../src/kinds/backfill/run/run-backfill.js';
import { loadSpec } from '../../src/kinds/backfill/plan/spec.js';
import { emptyValue, insertColumns, targetDiff } from '../../src/kinds/backfill/plan/compile.js';
import { evaluatePartition, type BackfillInputs } from '../../src/kinds/backfill/validate/evaluate.js';
import { EVENTS_COLUMNS } from '../../src/kinds/backfill/plan/events-model.js';

const ms = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

describe('backfill partitions and chunks', () => {
  it('lists partitions across a year end and refuses bad ones', () => {
    expect(partitionsBetween('202311', '202402')).toEqual(['202311', '202312', '202401', '202402']);
    expect(() => partitionsBetween('202413')).toThrow(/not a monthly partition/);
    expect(() => partitionsBetween('202406', '202405')).toThrow(/before --partition/);
  });

  it('chunks tile the month with no gap or overlap, in any zone and chunk size', () => {
    for (const [zone, chunk] of [['UTC', 'day'], ['UTC', '6h'], ['Europe/Berlin', 'hour'], ['America/New_York', '12h']] as const) {
      const unit = partitionUnit('202403', zone, chunkOf(chunk));
      expect(unit.windows[0]!.start).toBe(unit.whole.start);
      expect(unit.windows.at(-1)!.end).toBe(unit.whole.end);
      for (let i = 1; i < unit.windows.length; i++) expect(unit.windows[i]!.start).toBe(unit.windows[i - 1]!.end);
      expect(unit.windows.every((w) => w.partition === '202403' && w.day === '2024-03-01')).toBe(true);
    }
    const utc = partitionUnit('202402', 'UTC', { time: 'day' });
    expect(utc.windows).toHaveLength(29);
    expect(ms(utc.whole.end) - ms(utc.whole.start)).toBe(29 * 86_400_000);
    expect(() => chunkOf('5h')).toThrow(/dividing a day/);
    const buckets = partitionUnit('202406', 'UTC', chunkOf('projects/4'));
    expect(buckets.windows.map((w) => [w.start, w.end, w.bucket])).toEqual([0, 1, 2, 3].map((index) => [buckets.whole.start, buckets.whole.end, { index, count: 4 }]));
    expect(() => chunkOf('projects/0')).toThrow(/projects\/N/);
  });
});

describe('backfill spec', () => {
  it('fills defaults and lets flags override the file', () => {
    const spec = loadSpec(undefined, { target: 'analytics.events', publish: 'missing-only' });
    expect(spec.target).toEqual({ database: 'analytics', name: 'events' });
    expect(spec.publish).toBe('missing-only');
    expect(spec.source).toEqual({ database: 'default', name: 'observations' });
    expect(spec.enrich.user_id).toBe('user_id');
  });

  it('names the field that is wrong', () => {
    expect(() => loadSpec(undefined, { publish: 'sometimes' })).toThrow(/^--publish "sometimes" is not valid \(must be one of: replace, missing-only\)/);
    expect(() => loadSpec(undefined, { chunk: '5h' })).toThrow(/does not divide a day/);
    expect(() => loadSpec(undefined, { source: 'a.b.c' })).toThrow(/^--source "a\.b\.c" is not valid \(must match pattern/);
  });

  it('refuses an enrich rule naming an events column that does not exist', () => {
    const spec = { ...loadSpec(undefined, {}), enrich: { no_such_event_column: 'name' } };
    expect(() => insertColumns({ spec, source: [], lookup: [{ name: 'name', type: 'String' }], target: null })).toThrow(/target column "no_such_event_column"/);
  });
});

describe('backfill compile helpers', () => {
  it('writes readable empty values and lists every difference of a foreign target', () => {
    expect(emptyValue('LowCardinality(String)')).toBe("''");
    expect(emptyValue('Array(String)')).toBe('[]');
    expect(emptyValue('Nullable(DateTime64(6))')).toBe("defaultValueOfTypeName('Nullable(DateTime64(6))')");
    const target = EVENTS_COLUMNS.filter((c) => c.name !== 'tags').map((c) => (c.name === 'user_id' ? { name: c.name, type: 'Nullable(String)' } : c));
    expect(targetDiff(target)).toEqual(['~ user_id is Nullable(String), the backfill writes String', '- tags Array(String) (missing)']);
  });
});

describe('backfill validation verdicts', () => {
  const good: BackfillInputs = {
    counts: [{ day: '2024-06-01', expected: '10', actual_rows: '10', actual_ids: '10' }],
    totals: { expected_usage: '5', actual_usage: '5', expected_cost: '1.5', actual_cost: '1.5', duplicate_rows: '0' },
    enrichment: [{ day: '2024-06-01', expected: { side: 'expected', rows: '10', orphans: '2', user_id: '7' }, actual: { side: 'actual', rows: '10', orphans: '0', user_id: '7' } }],
    publish: 'replace',
  };

  it('passes matching answers and reports orphans as a warning', () => {
    const checks = evaluatePartition(good);
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(checks.find((c) => c.name === 'orphan observations')).toMatchObject({ status: 'warn', detail: expect.stringContaining('2 observations') });
  });

  it('fails on a differing day, total, duplicate or enriched column', () => {
    const bad: BackfillInputs = {
      ...good,
      counts: [{ day: '2024-06-01', expected: '10', actual_rows: '11', actual_ids: '10' }],
      totals: { ...good.totals, actual_cost: '1.4', duplicate_rows: '1' },
      enrichment: [{ ...good.enrichment[0]!, actual: { ...good.enrichment[0]!.actual, user_id: '8' } }],
    };
    const failed = evaluatePartition(bad).filter((c) => c.status === 'fail').map((c) => c.name);
    expect(failed).toEqual(['event count', 'events per day', 'cost total', 'no event stored twice', 'enriched columns']);
    expect(evaluatePartition({ ...bad, publish: 'missing-only' }).find((c) => c.name === 'no event stored twice')!.status).toBe('warn');
  });
});
