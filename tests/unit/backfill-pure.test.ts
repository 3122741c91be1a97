import { describe, expect, it } from 'vitest';
import { chunkOf, partitionsBetween, partitionUnit, type BackfillChunk } from '../../src/kinds/backfill/run/run.js';
import { loadSpec } from '../../src/kinds/backfill/plan/spec.js';
import { eventColumns, targetDiff } from '../../src/kinds/backfill/plan/compile.js';
import { overStaging } from '../../src/kinds/backfill/plan/derived.js';
import { evaluatePartition, type BackfillAnswers } from '../../src/kinds/backfill/validate/evaluate.js';
import { EVENTS_COLUMNS } from '../../src/kinds/backfill/plan/events-model.js';

const fixed = (text: string) => chunkOf(text) as BackfillChunk;
const ms = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

describe('backfill partitions and chunks', () => {
  it('lists partitions across a year end and refuses bad ones', () => {
    expect(partitionsBetween('202311', '202402')).toEqual(['202311', '202312', '202401', '202402']);
    expect(() => partitionsBetween('202413')).toThrow(/not a monthly partition/);
    expect(() => partitionsBetween('202406', '202405')).toThrow(/before --partition/);
  });

  it('chunks tile the month with no gap or overlap, in any zone and chunk size', () => {
    for (const [zone, chunk] of [
      ['UTC', 'day'],
      ['UTC', '6h'],
      ['Europe/Berlin', 'hour'],
      ['America/New_York', '12h'],
    ] as const) {
      const unit = partitionUnit('202403', zone, fixed(chunk));
      expect(unit.windows[0]!.start).toBe(unit.whole.start);
      expect(unit.windows.at(-1)!.end).toBe(unit.whole.end);
      for (let i = 1; i < unit.windows.length; i++) expect(unit.windows[i]!.start).toBe(unit.windows[i - 1]!.end);
      expect(unit.windows.every((w) => w.partition === '202403' && w.day === '2024-03-01')).toBe(true);
    }
    const utc = partitionUnit('202402', 'UTC', { time: 'day' });
    expect(utc.windows).toHaveLength(29);
    expect(ms(utc.whole.end) - ms(utc.whole.start)).toBe(29 * 86_400_000);
    expect(() => chunkOf('5h')).toThrow(/dividing a day/);
    const buckets = partitionUnit('202406', 'UTC', fixed('projects/4'));
    expect(buckets.windows.map((w) => [w.start, w.end, w.bucket])).toEqual(
      [0, 1, 2, 3].map((index) => [buckets.whole.start, buckets.whole.end, { index, count: 4 }]),
    );
    expect(() => chunkOf('projects/0')).toThrow(/projects\/N/);
    expect(chunkOf('auto')).toBe('auto');
  });
});

describe('backfill spec', () => {
  it("fills defaults (Langfuse's tables) and lets flags override the file", () => {
    const spec = loadSpec(undefined, { target: 'analytics.events', publish: 'missing-only' });
    expect(spec.target).toEqual({ database: 'analytics', name: 'events' });
    expect(spec.publish).toBe('missing-only');
    expect(spec.source).toEqual({ database: 'default', name: 'observations' });
    expect(spec.exclude).toEqual({ database: 'default', name: 'dataset_run_items_rmt' });
    expect(loadSpec(undefined, {}).target).toEqual({ database: 'default', name: 'events_full' });
    expect(loadSpec(undefined, {}).mergeTraceMetadata).toBe(false);
  });

  it('names the field that is wrong', () => {
    expect(() => loadSpec(undefined, { publish: 'sometimes' })).toThrow(
      /^--publish "sometimes" is not valid \(must be one of: replace, missing-only\)/,
    );
    expect(() => loadSpec(undefined, { chunk: '5h' })).toThrow(/does not divide a day/);
    expect(() => loadSpec(undefined, { source: 'a.b.c' })).toThrow(
      /^--source "a\.b\.c" is not valid \(must match pattern/,
    );
  });
});

describe('backfill compile helpers', () => {
  it("writes Langfuse's expression for every column it writes, and root spans leave observation-only columns empty", () => {
    const columns = eventColumns(loadSpec(undefined, {}));
    const byName = new Map(columns.map((c) => [c.name, c]));
    expect(byName.get('parent_span_id')!.observation).toBe(
      "if(o.id = o.trace_id, NULL, coalesce(o.parent_observation_id, concat('t-', o.trace_id)))",
    );
    expect(byName.get('bookmarked')!.observation).toMatch(
      /t\.bookmarked AND \(o\.parent_observation_id IS NULL OR o\.parent_observation_id = ''\)/,
    );
    expect(byName.get('end_time')!.rootSpan).toBe('NULL');
    expect(byName.get('span_id')!.rootSpan).toBe("concat('t-', t.id)");
    expect(byName.has('is_app_root')).toBe(false);
    const merged = new Map(
      eventColumns({ ...loadSpec(undefined, {}), mergeTraceMetadata: true }).map((c) => [c.name, c]),
    );
    expect(merged.get('metadata_names')!.observation).toBe(
      "mapKeys(if(t.id != '', mapUpdate(t.metadata, o.metadata), o.metadata))",
    );
  });

  it('lists every difference of a foreign target in the columns it writes', () => {
    const target = EVENTS_COLUMNS.filter((c) => c.name !== 'tags').map((c) =>
      c.name === 'user_id' ? { name: c.name, type: 'Nullable(String)' } : c,
    );
    expect(targetDiff(target)).toEqual([
      '- tags Array(String) (missing)',
      '~ user_id is Nullable(String), the backfill writes String',
    ]);
  });

  it('rewrites a derived view to read one staged partition, and refuses one it cannot follow', () => {
    const view = { database: 'default', name: 'events_core_mv' };
    const target = { database: 'default', name: 'events_full' };
    const staging = { database: 'default', name: 'events_full__chplan_staging' };
    expect(
      overStaging(
        view,
        'SELECT a, leftUTF8(input, 200) AS input FROM default.events_full SETTINGS x = 1',
        target,
        staging,
      ),
    ).toBe(
      'SELECT a, leftUTF8(input, 200) AS input FROM (SELECT * FROM `default`.`events_full__chplan_staging` WHERE _partition_id = {partition_id:String}) AS `events_full` SETTINGS x = 1',
    );
    expect(() =>
      overStaging(
        view,
        'SELECT a FROM default.events_full UNION ALL SELECT a FROM default.events_full',
        target,
        staging,
      ),
    ).toThrow(/reads default\.events_full 2 times/);
    expect(() => overStaging(view, 'SELECT a FROM default.events_fullness', target, staging)).toThrow(
      /not as FROM db\.table/,
    );
  });
});

describe('backfill validation verdicts', () => {
  const day = {
    day: '2024-06-01',
    expected: '10',
    actual: '10',
    extra: '0',
    missing: '0',
    orphans: '2',
    differing_rows: '0',
    sample: [],
  };
  const good: BackfillAnswers = {
    days: [day],
    totals: { expected_usage: '5', actual_usage: '5', expected_cost: '1.5', actual_cost: '1.5', duplicate_rows: '0' },
    publish: 'replace',
  };

  it('passes matching answers and reports orphans as a warning', () => {
    const checks = evaluatePartition(good);
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(checks.find((c) => c.name === 'observations without their trace')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('2 observations'),
    });
  });

  it('fails on a missing or extra event, a total, a duplicate or a differing column, naming the rows', () => {
    const bad: BackfillAnswers = {
      ...good,
      days: [
        {
          ...day,
          actual: '10',
          missing: '1',
          extra: '1',
          differing_rows: '3',
          differing: { user_id: '3', release: '0' },
          sample: ['proj-1 obs-1 2024-06-01 00:00:00.000000'],
        },
      ],
      totals: { ...good.totals, actual_cost: '1.4', duplicate_rows: '1' },
    };
    const checks = evaluatePartition(bad);
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.name)).toEqual([
      'every event present',
      'no event that should not be there',
      'every column equal',
      'cost total',
      'no event stored twice',
    ]);
    expect(checks.find((c) => c.name === 'every column equal')!.detail).toBe('3 rows differ, in user_id (3)');
    expect(checks.find((c) => c.name === 'every event present')!.problems).toEqual([
      { day: '2024-06-01', row: 'proj-1 obs-1 2024-06-01 00:00:00.000000' },
    ]);
    // missing-only shares the table with the application's own rows: those are warnings, a missing event is not.
    const shared = evaluatePartition({ ...bad, publish: 'missing-only' });
    expect(shared.filter((c) => c.status === 'fail').map((c) => c.name)).toEqual(['every event present']);
  });
});
