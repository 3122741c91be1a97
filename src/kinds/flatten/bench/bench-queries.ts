import type { Engine } from '../../../engine/engine.js';
import type { FlattenPlan } from '../plan/plan.js';
import { dayWindow } from '../../../core/windows.js';
import { answersDiffer } from './compare-answers.js';
import { median } from '../../../bench/measure.js';
import { dialects, querySet, type Dialect, type Question } from './query-set.js';

export interface DialectResult {
  dialect: Dialect['name'];
  sql: string;
  medianMs: number | null;
  runsMs: number[];
  /** Rows the planner expects to read (EXPLAIN ESTIMATE), the same on every transport. */
  readRows: number;
  /** Bytes the server reported reading; null on the embedded engine, which does not report it. */
  readBytes: number | null;
  resultRows: number;
}

export interface QuestionResult {
  id: string;
  title: string;
  /** 'mismatch' means an answer differed from the source's: no time is reported for it. */
  status: 'ok' | 'mismatch';
  mismatch?: string;
  results: DialectResult[];
}

export interface QueryBenchReport {
  kind: 'benchmark' | 'view-benchmark';
  day: string;
  runs: number;
  engine: string;
  questions: QuestionResult[];
}

export interface QueryBenchOptions {
  kind: QueryBenchReport['kind'];
  day: string;
  runs: number;
  extra?: { id: string; title: string; source: string; flat: string }[];
  onProgress?: (message: string) => void;
}

/**
 * Asks every question of each table (the Map source and the flat target; with
 * view-benchmark also both views), checks each answer against the source's, then times
 * warm runs interleaved across tables. Reads only.
 */
export async function benchQueries(
  engine: Engine,
  plan: FlattenPlan,
  options: QueryBenchOptions,
): Promise<QueryBenchReport> {
  const m = plan.manifest;
  const window = dayWindow(options.day, m.timeZone);
  const columns = m.source.columns.map(([name]) => name);
  const all = dialects(plan.mapping, m.tables, [m.timeColumn, ...columns]);
  const wanted: Dialect['name'][] =
    options.kind === 'benchmark' ? ['source', 'flat'] : ['source', 'flat', 'named view', 'compatibility view'];
  const used = all.filter((d) => wanted.includes(d.name));
  const questions: Question[] = [
    ...querySet({
      mapping: plan.mapping,
      time: m.timeColumn,
      groupKeys: m.groupKeys,
      countryColumn: columns.includes('countryIso') ? 'countryIso' : m.groupKeys[0]!,
      customerColumn: m.customerColumn,
      window,
    }),
    ...(options.extra ?? []).map((q): Question => ({
      id: q.id,
      title: q.title,
      sql: (d) =>
        d.name === 'source' || d.name === 'compatibility view'
          ? q.source.replaceAll('{source}', d.table)
          : q.flat.replaceAll('{flat}', d.table),
    })),
  ];
  const report: QueryBenchReport = {
    kind: options.kind,
    day: options.day,
    runs: options.runs,
    engine: engine.description,
    questions: [],
  };
  for (const question of questions) {
    options.onProgress?.(`${question.id}: ${question.title}`);
    const answers = new Map<Dialect['name'], Record<string, unknown>[]>();
    for (const d of used)
      answers.set(
        d.name,
        await engine.rows<Record<string, unknown>>(question.sql(d), { step: `${question.id} on ${d.name}` }),
      );
    const reference = answers.get('source')!;
    const mismatches = used
      .filter((d) => d.name !== 'source')
      .map((d) => [d.name, answersDiffer(reference, answers.get(d.name)!)] as const)
      .filter(([, why]) => why);
    const results: DialectResult[] = [];
    for (const d of used) {
      const sql = question.sql(d);
      const estimate = await engine
        .rows<{ rows: string }>(`EXPLAIN ESTIMATE ${sql}`, { step: `${question.id} estimate` })
        .catch(() => []);
      results.push({
        dialect: d.name,
        sql,
        medianMs: null,
        runsMs: [],
        readRows: estimate.reduce((n, r) => n + Number(r.rows), 0),
        readBytes: null,
        resultRows: answers.get(d.name)!.length,
      });
    }
    if (mismatches.length > 0) {
      report.questions.push({
        id: question.id,
        title: question.title,
        status: 'mismatch',
        mismatch: mismatches.map(([name, why]) => `${name}: ${why}`).join('; '),
        results,
      });
      continue;
    }
    for (let run = 0; run < options.runs; run++) {
      for (const result of results) {
        const started = performance.now();
        const summary = await engine.command(result.sql, { settings: { wait_end_of_query: 1 }, step: question.id });
        result.runsMs.push(performance.now() - started);
        if (engine.can.reportBytesRead) result.readBytes = summary.readBytes;
      }
    }
    for (const result of results) result.medianMs = median(result.runsMs);
    report.questions.push({ id: question.id, title: question.title, status: 'ok', results });
  }
  return report;
}

/** source median / other median, per question, for the dialects other than source. Pure. */
export function speedups(question: QuestionResult): { dialect: string; speedup: number }[] {
  const source = question.results.find((r) => r.dialect === 'source')?.medianMs;
  if (question.status !== 'ok' || !source) return [];
  return question.results
    .filter((r) => r.dialect !== 'source' && r.medianMs)
    .map((r) => ({ dialect: r.dialect, speedup: source / r.medianMs! }));
}
