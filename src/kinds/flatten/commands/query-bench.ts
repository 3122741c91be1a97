import { existsSync, readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { benchQueries, speedups, type QueryBenchReport } from '../bench/bench-queries.js';
import { renderHtmlReport, renderSpeedupSvg } from '../bench/html-report.js';
import { loadedBenchPlan } from '../bench/prepare.js';
import { DEMO_DAY } from '../../../config/settings.js';
import { ConfigError } from '../../../core/errors.js';
import { shippedSchemaErrors } from '../../../config/validate-json.js';
import { readPlan } from '../plan/plan.js';
import { writeFileAtomic } from '../../../core/write-atomic.js';
import { print, printJson, red, table } from '../../../terminal/output.js';
import { settingsFrom, type CommonArgs } from '../../../config/cli-options.js';
import { withFlattenOptions } from './flatten-options.js';
import { withEngine } from '../../../engine/with-engine.js';

type Args = CommonArgs & { rows: number; runs: number; queries?: string; plan?: string; day: string; out?: string };

/** Extra benchmark questions from a --queries file, checked against schemas/queries.schema.json. */
export function readExtraQueries(path: string | undefined) {
  if (!path) return [];
  if (!existsSync(path)) throw new ConfigError(`--queries ${path} does not exist.`);
  let list: unknown;
  try {
    list = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`--queries ${path} is not valid JSON: ${(cause as Error).message}. Nothing was run.`, {
      cause,
    });
  }
  const problems = shippedSchemaErrors('queries', list);
  if (problems.length > 0) {
    throw new ConfigError(
      `--queries ${path} must be a JSON array of {"id", "title", "source": "SQL with {source}", "flat": "SQL with {flat}"} (schemas/queries.schema.json):\n  ${problems.slice(0, 10).join('\n  ')}\nNothing was run.`,
    );
  }
  return list as { id: string; title: string; source: string; flat: string }[];
}

function printReport(report: QueryBenchReport): void {
  const rows = report.questions.flatMap((q) =>
    q.results.map((r) => [
      q.id,
      q.title.slice(0, 48),
      r.dialect,
      q.status === 'ok' ? r.medianMs!.toFixed(1) : red('answers differ'),
      r.readRows.toLocaleString('en-US'),
      r.readBytes === null ? 'n/a' : (r.readBytes / 1048576).toFixed(1),
      r.resultRows,
      r.dialect === 'source'
        ? ''
        : (speedups(q)
            .find((s) => s.dialect === r.dialect)
            ?.speedup.toFixed(1) ?? '—') + (q.status === 'ok' ? '×' : ''),
    ]),
  );
  print(
    table(['query', 'question', 'table', 'median ms', 'rows read (est.)', 'MiB read', 'result rows', 'speedup'], rows),
  );
  for (const q of report.questions.filter((x) => x.status === 'mismatch'))
    print(red(`${q.id}: not timed, answers differ (${q.mismatch})`));
}

/** `benchmark` and `view-benchmark` share everything but the tables they compare. */
function queryBenchCommand(kind: QueryBenchReport['kind'], describe: string) {
  return {
    command: kind,
    describe,
    builder: (yargs: Argv) =>
      withFlattenOptions(yargs)
        .option('rows', { type: 'number', default: 1_000_000, describe: 'seeded rows (embedded engine)' })
        .option('runs', { type: 'number', default: 5, describe: 'warm runs per query and table (median reported)' })
        .option('queries', { type: 'string', describe: 'JSON file of extra queries' })
        .option('plan', {
          type: 'string',
          describe: 'plan that loaded the target (required with --url; the data is only read)',
        })
        .option('day', { type: 'string', default: DEMO_DAY, describe: 'day to query' })
        .option('out', {
          type: 'string',
          describe: 'report path without extension (default bench-results/<command>-<time>)',
        }),
    handler: async (args: Args) => {
      const settings = settingsFrom({ ...args, dataDir: args.dataDir ?? '.chdata-bench' });
      if (settings.url && !args.plan)
        throw new ConfigError(
          `With --url, name the plan that loaded the target (--plan DIR); ${kind} never loads or changes data on a server.`,
        );
      const extra = readExtraQueries(args.queries);
      const say = (m: string) => !args.json && print(m);
      const report = await withEngine(settings, async (engine) => {
        const plan = args.plan ? readPlan(args.plan) : await loadedBenchPlan(engine, settings, args.rows, say);
        return benchQueries(engine, plan, {
          kind,
          day: args.day,
          runs: Math.max(1, args.runs),
          extra,
          onProgress: say,
        });
      });
      const out = args.out ?? `bench-results/${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      writeFileAtomic(`${out}.json`, `${JSON.stringify(report, null, 2)}\n`);
      writeFileAtomic(`${out}.html`, renderHtmlReport(report));
      writeFileAtomic(`${out}.svg`, renderSpeedupSvg(report));
      if (args.json) printJson(report);
      else {
        printReport(report);
        print(`Wrote ${out}.json, ${out}.html and ${out}.svg`);
      }
      if (report.questions.some((q) => q.status === 'mismatch')) process.exitCode = 1;
    },
  };
}

export const benchmarkCommand = queryBenchCommand(
  'benchmark',
  'the same questions against the Map source and the flat target: answers checked equal, then timed',
);
export const viewBenchmarkCommand = queryBenchCommand(
  'view-benchmark',
  'the questions through the named and compatibility views: view overhead, and old queries run unchanged',
);
