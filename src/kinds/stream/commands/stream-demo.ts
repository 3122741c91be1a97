import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { settingsFrom, withEngineOptions, type CommonArgs } from '../../../config/cli-options.js';
import { TOOL_VERSION } from '../../../core/version.js';
import { withEngine } from '../../../engine/with-engine.js';
import { withPostgres } from '../../../engine/with-postgres.js';
import { print, printJson, printRunSummary, printValidation, stagePrinter } from '../../../terminal/output.js';
import { DEFAULT_STREAM_SPEC, liveViewName, loadStreamSpec } from '../plan/spec.js';
import { buildStreamPlan, readStreamPlan } from '../plan/plan.js';
import { rebuildAggregates } from '../run/run.js';
import { REPLAY_ENGINE, replayFile } from '../run/replay.js';
import { dropChain, setupChain } from '../run/setup.js';
import { forgetPassword } from '../../../engine/postgres.js';
import { ConfigError } from '../../../core/errors.js';
import { assertWritableFile } from '../../../core/write-atomic.js';
import { readManifest, writePlanDir, type SealedPlan } from '../../../plan/plan-dir.js';
import { generateDump } from '../seed/debezium.js';
import { seedReferenceTables, dictionaryChecks } from '../seed/reference.js';
import { validateStream } from '../validate/validate.js';
import { reportOf } from '../../../validate/report.js';
import { daysWithData } from '../run/days.js';

/** Refuses to write the demo's plan over a directory that holds another plan (or no plan at all). */
function refuseOtherPlan(out: string, sealed: SealedPlan): void {
  if (!existsSync(out)) return;
  const { planHash } = sealed.manifest;
  let found: string;
  try {
    found = readManifest(out).planHash;
  } catch {
    found = '';
  }
  if (found !== planHash) {
    throw new ConfigError(
      `${out} holds ${found ? `another plan (hash ${found.slice(0, 16)})` : 'something that is not a chplan plan'}, and the demo would replace it. Nothing was changed. Pass --out DIR to write the demo's plan elsewhere.`,
    );
  }
}

export const streamDemoCommand = {
  command: 'stream-demo',
  describe:
    'the stream kind end to end: compile the experiments spec, build the chain, replay a generated Debezium dump (updates, deletes, duplicates, bad messages), rebuild the aggregates, validate',
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .option('spec', { type: 'string', default: DEFAULT_STREAM_SPEC, describe: 'stream spec' })
      .option('events', { type: 'number', default: 50_000, describe: 'events in the generated dump' })
      .option('users', { type: 'number', default: 2_000, describe: 'users in the generated dump' })
      .option('dump', {
        type: 'string',
        describe: 'keep the generated Debezium dump in this file (one message per line; chplan replay takes it)',
      })
      .option('out', {
        type: 'string',
        describe: 'plan directory (default generated-sql/<spec name>); another plan already there is refused',
      })
      .option('replace', {
        type: 'boolean',
        default: false,
        describe:
          'drop the objects chplan created for this chain first and build it anew (npm run stream-demo does); nothing else is dropped',
      }),
  handler: async (
    args: CommonArgs & { spec: string; dump?: string; out?: string; events: number; users: number; replace: boolean },
  ) => {
    if (args.dump) assertWritableFile(args.dump);
    const spec = loadStreamSpec(args.spec);
    const stages = stagePrinter(args.json);
    const out = args.out ?? `generated-sql/${spec.name}`;
    stages.start('compile');
    const sealed = buildStreamPlan(spec, { toolVersion: TOOL_VERSION });
    refuseOtherPlan(out, sealed);
    writePlanDir(out, sealed.files);
    const plan = readStreamPlan(out);
    const dir = mkdtempSync(join(tmpdir(), 'chplan-dump-'));
    try {
      stages.start('generate dump');
      const lines: string[] = [];
      const dump = generateDump(
        {
          events: args.events,
          users: args.users,
          experiments: 3,
          seed: 7,
          duplicates: 0.05,
          badOfEachKind: 3,
          keepState: false,
          wrapper: spec.envelope.wrapper,
        },
        (l) => lines.push(l),
      );
      const file = args.dump ?? join(dir, 'dump.jsonl');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const result = await withPostgres(
        (pg) =>
          withEngine(
            settingsFrom(args),
            async (engine) => {
              await seedReferenceTables(pg);
              stages.start('build the chain');
              if (args.replace) await dropChain(engine, plan);
              await setupChain(engine, plan, { kafka: false, dictionaries: pg });
              stages.start('replay');
              const landed = await replayFile(engine, plan, file);
              stages.start('rebuild aggregates');
              const days = await daysWithData(engine, plan);
              const rebuilt = await rebuildAggregates(engine, plan, { days });
              stages.start('validate');
              const chain = await validateStream(engine, plan, days);
              // The same report with the dictionaries' checks first, its verdict and rate over all of them.
              const report = reportOf(plan, chain.source, [
                { day: 'dictionaries', checks: await dictionaryChecks(engine, plan, pg) },
                ...chain.days,
              ]);
              // The demo's PostgreSQL stops with the demo: its password leaves the collection the dictionaries name.
              await forgetPassword(engine, plan.manifest.collections.postgres);
              return { landed, rebuilt, report };
            },
            REPLAY_ENGINE,
          ),
        { create: true },
      );
      stages.end();
      if (args.json) return printJson({ plan: out, messages: dump.messages, ...result });
      print(
        `Plan: ${out}. Replayed ${result.landed} messages (${dump.messages} generated, with ${Object.values(dump.bad).reduce((a, b) => a + b, 0)} bad ones)${args.dump ? `, kept in ${args.dump}` : ''}.`,
      );
      printRunSummary([{ shard: null, units: result.rebuilt }]);
      printValidation(result.report);
      print(
        `The latest state per key: ${spec.tables.map((t) => `${spec.database}.${liveViewName(t)}`).join(', ')} (the processed tables keep every version).`,
      );
      if (!result.report.passed) process.exitCode = 1;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
