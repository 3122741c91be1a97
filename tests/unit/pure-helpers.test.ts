import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../src/core/canonical-json.js';
import { median } from '../../src/bench/measure.js';
import { embeddedAllocatorConf } from '../../src/engine/connect.js';
import { answersDiffer } from '../../src/kinds/flatten/bench/compare-answers.js';
import { namedColumns } from '../../src/kinds/flatten/compile/compile-plan.js';
import { diffMappings } from '../../src/kinds/flatten/mapping/diff-mappings.js';
import { registryConflicts } from '../../src/kinds/flatten/run/registry.js';
import { chunkReads, chunksRereadDay, hourFirstKey, spreadOut } from '../../src/kinds/flatten/run/chunk-reads.js';
import { sortingKeyWindowTerms } from '../../src/kinds/flatten/schema/window-filter.js';
import { backoffMs, classifyFailure } from '../../src/execute/retry.js';
import { activeHolders } from '../../src/execute/lease.js';
import { halveWindow } from '../../src/core/windows.js';
import { partitionsIn, splitBetweenPartitions } from '../../src/execute/staged-units.js';
import { spansOf } from '../../src/kinds/stream/run/run.js';
import { dayWindow, parseChunk } from '../../src/core/windows.js';
import type { LedgerRow } from '../../src/execute/ledger.js';
import { summarizeLedger } from '../../src/execute/status.js';
import { fitColumns } from '../../src/terminal/output.js';
import type { Mapping } from '../../src/kinds/flatten/mapping/mapping.js';

const mapping = (int: [string, string][], float: [string, string][] = []): Mapping => ({
  formatVersion: 1,
  version: 1,
  parent: null,
  source: 'a.b',
  discovered: { from: '2025-10-08', to: '2025-10-08', timeZone: 'UTC', rows: 1 },
  int: int.map(([key, column]) => ({ key, column, maps: ['m'], rows: 1 })),
  float: float.map(([key, column]) => ({ key, column, maps: ['f'], rows: 1 })),
  free: { int: [], float: [] },
});

describe('pure helpers', () => {
  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it("keeps the embedded engine's freed memory as long as asked, unless the user configured its allocator", () => {
    expect(embeddedAllocatorConf(10_000, undefined)).toBe('dirty_decay_ms:10000,muzzy_decay_ms:10000');
    expect(embeddedAllocatorConf(10_000, 'narenas:2')).toBe('narenas:2');
  });

  it('compares answers exactly for ints and with tolerance for floats', () => {
    expect(answersDiffer([{ a: '9007199254740993' }], [{ b: '9007199254740993' }])).toBeNull();
    expect(answersDiffer([{ a: '9007199254740993' }], [{ a: '9007199254740992' }])).toMatch(/row 1, column 1/);
    expect(answersDiffer([{ a: 0.30000001 }], [{ a: 0.3 }])).toBeNull();
    expect(answersDiffer([{ a: 'x' }], [])).toBe('1 rows vs 0 rows');
  });

  it('names view columns after keys, suffixing empty and clashing ones', () => {
    const named = namedColumns(
      mapping(
        [
          ['', 'int1'],
          ['platform', 'int2'],
          ['x', 'int3'],
        ],
        [['x', 'float1']],
      ),
      ['timestampMs', 'platform'],
    );
    expect(named.map((c) => c.alias)).toEqual(['(empty int key)', 'platform (int)', 'x', 'x (float)']);
  });

  it('diffs mappings and flags moved keys and reused columns', () => {
    const diff = diffMappings(
      mapping([
        ['a', 'int1'],
        ['b', 'int2'],
      ]),
      mapping([
        ['b', 'int1'],
        ['c', 'int2'],
      ]),
    );
    expect(diff.compatible).toBe(false);
    expect(diff.moved).toEqual([{ kind: 'int', key: 'b', from: 'int2', to: 'int1', rows: 1 }]);
    expect(diff.reused.map((r) => `${r.column}:${r.before}->${r.after}`)).toEqual(['int1:a->b', 'int2:b->c']);
    expect(
      diffMappings(
        mapping([['a', 'int1']]),
        mapping([
          ['a', 'int1'],
          ['b', 'int2'],
        ]),
      ).compatible,
    ).toBe(true);
  });

  it('finds registry conflicts in both directions', () => {
    const registered = [{ kind: 'int' as const, column: 'int1', key: 'a', mapping_version: 1 }];
    expect(
      registryConflicts(
        registered,
        mapping([
          ['a', 'int1'],
          ['b', 'int2'],
        ]),
      ),
    ).toEqual([]);
    expect(registryConflicts(registered, mapping([['b', 'int1']]))).toHaveLength(1);
    expect(registryConflicts(registered, mapping([['a', 'int2']]))[0]).toMatchObject({
      column: 'int2',
      registeredColumnOfPlanKey: 'int1',
    });
  });

  it('classifies failures and backs off', () => {
    expect(classifyFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('connection');
    expect(classifyFailure(Object.assign(new Error('x'), { code: '241' }))).toBe('memory');
    expect(classifyFailure(new Error('wrapper', { cause: Object.assign(new Error('parts'), { code: '252' }) }))).toBe(
      'transient',
    );
    expect(classifyFailure(Object.assign(new Error('Unknown table'), { code: '60' }))).toBe('fatal');
    // The client's error type, and an engine that reports only text: "Code: N" and "(TYPE)".
    expect(classifyFailure(Object.assign(new Error('whatever'), { code: '0', type: 'MEMORY_LIMIT_EXCEEDED' }))).toBe(
      'memory',
    );
    expect(classifyFailure(new Error('Code: 252. DB::Exception: Too many parts (3001). (TOO_MANY_PARTS)'))).toBe(
      'transient',
    );
    expect(
      classifyFailure(new Error('Code: 60. DB::Exception: Unknown table expression identifier. (UNKNOWN_TABLE)')),
    ).toBe('fatal');
    expect(classifyFailure(Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }))).toBe('connection');
    expect([1, 2, 3, 10].map((a) => backoffMs(a))).toEqual([1000, 2000, 4000, 30000]);
  });

  it('treats leases as active only while fresh, alive, not released and never taken over', () => {
    const row = (runner: string, status: LedgerRow['status'], at: string) =>
      ({ step: 'lease', runner, status, finished_at: at, started_at: at }) as LedgerRow;
    const now = Date.parse('2025-10-08T12:00:00Z');
    const rows = [
      row('a:1:x', 'held', '2025-10-08 11:59:00.000'),
      row('b:2:y', 'held', '2025-10-08 11:00:00.000'),
      row('c:3:z', 'held', '2025-10-08 11:59:30.000'),
      row('c:3:z', 'released', '2025-10-08 11:59:40.000'),
      // Taken over, then a refresh that was in flight as the takeover landed: still void.
      row('d:4:w', 'taken_over', '2025-10-08 11:59:45.000'),
      row('d:4:w', 'held', '2025-10-08 11:59:50.000'),
    ];
    expect(activeHolders(rows, now, 300, () => true).map((r) => r.runner)).toEqual(['a:1:x']);
    expect(activeHolders(rows, now, 300, () => false)).toEqual([]);
  });

  it('halves windows on minute boundaries and validates chunk sizes', () => {
    const [a, b] = halveWindow(dayWindow('2025-10-08', 'UTC'))!;
    expect([a.start, a.end, b.end]).toEqual([
      '2025-10-08 00:00:00.000',
      '2025-10-08 12:00:00.000',
      '2025-10-09 00:00:00.000',
    ]);
    expect(halveWindow({ ...a, end: '2025-10-08 00:01:00.000' })).toBeNull();
    expect(parseChunk('15m')).toBe('15m');
    expect(() => parseChunk('7m')).toThrow(/dividing a day/);
  });

  it('groups consecutive days into units of at most N, and splits a unit of several days only between its days', () => {
    const days = ['2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06'];
    expect(spansOf(days, 3)).toEqual([
      ['2026-09-29', '2026-09-30', '2026-10-01'],
      ['2026-10-02'],
      ['2026-10-05', '2026-10-06'],
    ]);
    expect(spansOf(days, 1)).toEqual(days.map((d) => [d]));
    const partitions = ['2026-10-01', '2026-10-02', '2026-10-03'].map((d) => dayWindow(d, 'UTC'));
    const whole = { ...partitions[0]!, end: partitions[2]!.end, partition: '', label: '2026-10-01..2026-10-03' };
    const unit = { key: 'a', label: 'a', day: '2026-10-01', whole, windows: [whole], partitions };
    const [first, second] = splitBetweenPartitions(unit, whole)!;
    expect([first.start, first.end, first.label, second.start, second.end, second.label]).toEqual([
      '2026-10-01 00:00:00.000',
      '2026-10-03 00:00:00.000',
      '2026-10-01..2026-10-02',
      '2026-10-03 00:00:00.000',
      '2026-10-04 00:00:00.000',
      '2026-10-03',
    ]);
    expect(partitionsIn(unit, first).map((p) => p.day)).toEqual(['2026-10-01', '2026-10-02']);
    expect(splitBetweenPartitions(unit, second)).toBeNull();
    expect(partitionsIn({ ...unit, partitions: undefined })).toEqual([whole]);
  });
});

describe('what chunks of a day read', () => {
  it('compares the granules all chunks select with one read of the day', () => {
    // Each of 24 hours selects the whole day: 24 times the reads of a day chunk.
    expect(chunkReads(30, Array(24).fill(30)).ratio).toBe(24);
    expect(chunksRereadDay(chunkReads(30, Array(24).fill(30)))).toBe(true);
    // Hours that split the day's granules (one shared at each edge) read about what the day does.
    expect(chunksRereadDay(chunkReads(240, Array(24).fill(11)))).toBe(false);
    // A day of fewer granules than chunks cannot be split by them: nothing to say.
    expect(chunksRereadDay(chunkReads(2, Array(24).fill(2)))).toBe(false);
    expect(chunkReads(0, [0, 0]).ratio).toBe(1);
    // Four of 24 chunks measured stand for all of them.
    expect(chunkReads(240, [10, 12, 10, 12], 24)).toEqual({ dayGranules: 240, chunks: 24, perChunk: 11, ratio: 1.1 });
    expect(chunksRereadDay(chunkReads(30, [30, 30, 30, 30], 24))).toBe(true);
  });

  it('measures chunks spread over the day, first and last included', () => {
    const hours = Array.from({ length: 24 }, (_, i) => i);
    expect(spreadOut(hours, 4)).toEqual([0, 8, 15, 23]);
    expect(spreadOut(hours, 1)).toEqual([0]);
    expect(spreadOut([1, 2], 4)).toEqual([1, 2]);
  });

  it('proposes the key with the hour of the time first, keeping the rest of the order', () => {
    expect(hourFirstKey('customerId, clientId, sessionId, timestampMs', 'timestampMs')).toBe(
      'toStartOfHour(`timestampMs`), customerId, clientId, sessionId, timestampMs',
    );
    expect(hourFirstKey('', 'event time')).toBe('toStartOfHour(`event time`)');
  });

  it("restates the window on the sorting key's monotone functions of the time, and on nothing else", () => {
    const start = "{chunk_start:DateTime64(3, 'UTC')}";
    const last = "({chunk_end:DateTime64(3, 'UTC')} - toIntervalMillisecond(1))";
    expect(sortingKeyWindowTerms('toStartOfHour(timestampMs), customerId, timestampMs', 'timestampMs')).toEqual([
      `toStartOfHour(\`timestampMs\`) BETWEEN toStartOfHour(${start}) AND toStartOfHour(${last})`,
    ]);
    expect(
      sortingKeyWindowTerms("toDate(`t s`, 'Asia/Kolkata'), toStartOfInterval(`t s`, toIntervalMinute(15))", 't s'),
    ).toEqual([
      `toDate(\`t s\`, 'Asia/Kolkata') BETWEEN toDate(${start}, 'Asia/Kolkata') AND toDate(${last}, 'Asia/Kolkata')`,
      `toStartOfInterval(\`t s\`, toIntervalMinute(15)) BETWEEN toStartOfInterval(${start}, toIntervalMinute(15)) AND toStartOfInterval(${last}, toIntervalMinute(15))`,
    ]);
    // Not monotone in the time (the hour of the day wraps), another column's function, a plain column: nothing.
    expect(sortingKeyWindowTerms('toHour(ts), toDate(other), ts, customerId', 'ts')).toEqual([]);
    expect(sortingKeyWindowTerms("cityHash64(concat(a, ',(', b)), toDate(ts)", 'ts')).toHaveLength(1);
    expect(sortingKeyWindowTerms('', 'ts')).toEqual([]);
  });
});

describe('status from the ledger', () => {
  const row = (fields: Partial<LedgerRow>): LedgerRow => ({
    plan_hash: 'p1',
    unit: '2025-10-08',
    day: '2025-10-08',
    window_start: '',
    window_end: '',
    chunk_key: '',
    step: 'chunk',
    status: 'done',
    attempt: 1,
    query_id: '',
    rows_read: '0',
    rows_written: '10',
    runner: 'a',
    started_at: '',
    finished_at: '',
    error: '',
    note: '',
    cursor: '',
    source_version: '',
    ...fields,
  });
  const hour = (h: number, at: string, fields: Partial<LedgerRow> = {}) =>
    row({
      window_start: `2025-10-08 ${String(h).padStart(2, '0')}:00:00.000`,
      window_end: `2025-10-08 ${String(h + 1).padStart(2, '0')}:00:00.000`,
      finished_at: at,
      ...fields,
    });

  it('counts only the latest run, and says the day is published while a re-run is unfinished', () => {
    const rows = [
      row({
        window_start: '2025-10-08 00:00:00.000',
        window_end: '2025-10-09 00:00:00.000',
        rows_written: '48',
        finished_at: '01',
      }),
      row({ step: 'publish', rows_written: '48', finished_at: '02' }),
      hour(0, '03', { runner: 'b' }),
      hour(1, '04', { runner: 'b' }),
      hour(2, '05', { runner: 'b', status: 'aborted', rows_written: '0' }),
    ];
    const [day] = summarizeLedger(rows, 'p1').units;
    expect(day).toMatchObject({
      published: true,
      pending: true,
      lastPublish: { plan: 'p1', at: '02', rows: 48 },
      chunks: { done: 2, running: 0, failed: 0, aborted: 1 },
      rowsWritten: 20,
    });
  });

  it("counts a resumed run's kept chunks with the run that published them", () => {
    const rows = [
      hour(0, '01'),
      hour(1, '02', { status: 'failed', rows_written: '0' }),
      hour(1, '03', { runner: 'b' }),
      row({ step: 'publish', runner: 'b', rows_written: '20', finished_at: '04' }),
    ];
    const [day] = summarizeLedger(rows, 'p1').units;
    expect(day).toMatchObject({ published: true, pending: false, chunks: { done: 2, failed: 0 }, rowsWritten: 20 });
    expect(summarizeLedger(rows, 'p1').failures).toEqual([]);
  });
});

describe('tables that fit the terminal', () => {
  it('narrows the widest columns until the table fits, and leaves a table that fits alone', () => {
    expect(fitColumns([10, 12, 8], 80)).toBeNull();
    const widths = fitColumns([7, 40, 200, 8], 120)!;
    expect(widths.reduce((a, b) => a + b, widths.length + 1)).toBeLessThanOrEqual(120);
    expect(widths.slice(0, 1).concat(widths.slice(3))).toEqual([7, 8]);
    expect(widths[2]).toBeGreaterThanOrEqual(widths[1]!);
  });
});

describe('mapConcurrent', () => {
  it('keeps order, runs at most `limit` at once, and after a failure starts nothing new but waits for what runs', async () => {
    const { mapConcurrent } = await import('../../src/core/concurrency.js');
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const work = async (n: number) => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5 * (5 - n)));
      running--;
      if (n === 2) throw new Error('two');
      return n * 10;
    };
    expect(await mapConcurrent([0, 1, 3, 4], 2, work)).toEqual([0, 10, 30, 40]);
    expect(peak).toBe(2);
    started.length = 0;
    await expect(mapConcurrent([0, 1, 2, 3, 4, 5, 6], 3, work)).rejects.toThrow('two');
    expect(running).toBe(0);
    expect(started.length).toBeLessThan(7);
  });
});

describe('canonical JSON', () => {
  it('is the same text whatever order the keys were built in, and reads back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        expect(canonicalJson(reversed)).toBe(text);
      }),
      { numRuns: 300 },
    );
    expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: true, '\u00e9': 1, Z: 2 })).toBe(
      '{"Z":2,"a":true,"b":[1,{"c":null,"d":"x"}],"é":1}',
    );
  });
});
