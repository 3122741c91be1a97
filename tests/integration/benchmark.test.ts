import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchQueries } from '../../src/kinds/flatten/bench/bench-queries.js';
import { renderHtmlReport } from '../../src/kinds/flatten/bench/html-report.js';
import { loadedBenchPlan } from '../../src/kinds/flatten/bench/prepare.js';
import type { FlattenPlan } from '../../src/kinds/flatten/plan/plan.js';
import { openTestEngine, testSettings } from '../helpers/engine.js';

let ctx: Awaited<ReturnType<typeof openTestEngine>>;
let plan: FlattenPlan;

beforeAll(async () => {
  ctx = await openTestEngine();
  plan = await loadedBenchPlan(ctx.engine, testSettings(), 30_000, () => {});
});
afterAll(async () => ctx.cleanup());

describe('query benchmarks', () => {
  it('answers every question identically on the source, the flat table and both views', async () => {
    const report = await benchQueries(ctx.engine, plan, { kind: 'view-benchmark', day: '2025-10-08', runs: 1 });
    expect(report.questions.length).toBeGreaterThanOrEqual(8);
    for (const q of report.questions) {
      expect(q.status, `${q.id} ${q.mismatch ?? ''}`).toBe('ok');
      expect(q.results.map((r) => r.dialect)).toEqual(['source', 'flat', 'named view', 'compatibility view']);
      for (const r of q.results) expect(r.medianMs).toBeGreaterThan(0);
    }
    // The flat table reads fewer rows than the Map source for a one-metric question.
    const q1 = report.questions.find((q) => q.id === 'q1')!;
    expect(q1.results[1]!.readRows).toBeLessThan(q1.results[0]!.readRows);
    expect(renderHtmlReport(report)).toMatch(/<svg[\s\S]*q1 flat[\s\S]*<\/svg>/);
  });

  it('refuses to time a query whose answers differ', async () => {
    const report = await benchQueries(ctx.engine, plan, {
      kind: 'benchmark',
      day: '2025-10-08',
      runs: 1,
      extra: [
        {
          id: 'wrong',
          title: 'a flat query that forgets a map',
          source: "SELECT sum(metricIntGroup1['error_count']) + sum(metricIntGroup2['error_count']) FROM {source}",
          flat: `SELECT sum(${plan.mapping.int.find((e) => e.key === 'error_count')!.column}) - 1 FROM {flat}`,
        },
      ],
    });
    const wrong = report.questions.find((q) => q.id === 'wrong')!;
    expect(wrong.status).toBe('mismatch');
    expect(wrong.mismatch).toMatch(/flat: row 1, column 1/);
    expect(wrong.results.every((r) => r.medianMs === null && r.runsMs.length === 0)).toBe(true);
    expect(renderHtmlReport(report)).toContain('not timed: answers differ');
  });
});
