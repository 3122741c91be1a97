import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median, runWorkerProcess } from '../../../bench/measure.js';
import { TOOL_VERSION } from '../../../core/version.js';
import { connect } from '../../../engine/connect.js';
import { writePlanDir } from '../../../plan/plan-dir.js';
import { DEFAULT_STREAM_SPEC, loadStreamSpec } from '../plan/spec.js';
import { buildStreamPlan, readStreamPlan } from '../plan/plan.js';
import { daysWithData } from '../run/days.js';
import { REPLAY_ENGINE } from '../run/replay.js';
import { rebuildAggregates } from '../run/run.js';
import { generateDump } from '../seed/debezium.js';
import { validateStream } from '../validate/validate.js';

const WORKER = new URL('./bench-worker.ts', import.meta.url);
const MiB = 1024 * 1024;

export interface StreamBenchReport {
  messages: number;
  updates: number;
  deletes: number;
  redelivered: number;
  repeat: number;
  results: {
    method: string;
    messages: number;
    seconds: number;
    messagesPerSecond: number;
    peakMiB: number;
    runs: number[];
    /** The chain's: seconds spent staging the dump before its blocks land (medians, and each run's). */
    staging?: { seconds: number; runs: number[] };
  }[];
  rebuild: { days: number; seconds: number; validationPassed: boolean };
  ratios: Record<string, number>;
  note: string;
}

const METHODS = {
  floor: 'floor: the lines into a plain table',
  parse: 'parse floor: one parse of each event into typed rows',
  chain: 'chplan replay: the dump staged, then landed a block per insert through every view',
  client: 'client-side consumer in Node',
} as const;

interface WorkerRun {
  messages: number;
  seconds: number;
  stagingSeconds: number;
  maxRssBytes: number;
}

function runWorker(args: string[]): WorkerRun {
  return runWorkerProcess(WORKER, args);
}

/**
 * Generates a Debezium dump (events with 10% updates and 2% deletes, redeliveries and bad
 * messages), then measures, each run in its own process and interleaved: the same lines into
 * a plain table (the floor), into the landing table with the whole chain, and through a
 * consumer in Node that parses and aggregates as a seed-style service would.
 */
export async function benchStream(options: {
  events: number;
  repeat: number;
  workDir: string;
  onProgress?: (m: string) => void;
}): Promise<StreamBenchReport> {
  const say = options.onProgress ?? (() => {});
  const work = resolve(options.workDir);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const spec = loadStreamSpec(DEFAULT_STREAM_SPEC);
  const planDir = join(work, 'plan');
  writePlanDir(planDir, buildStreamPlan(spec, { toolVersion: TOOL_VERSION }).files);
  const dump = join(work, 'dump.jsonl');
  say(
    `generating a dump of ${options.events} events as a default Debezium deployment sends them (schemas on, updates, unchanged TOASTed values, deletes and their tombstones, redeliveries)…`,
  );
  const fd = openSync(dump, 'w');
  let buffer: string[] = [];
  let updates = 0;
  let deletes = 0;
  // Counted by what each line is, as the chain sees it.
  const result = generateDump(
    {
      events: options.events,
      users: 20_000,
      experiments: 3,
      seed: 3,
      duplicates: 0.03,
      badOfEachKind: 10,
      keepState: false,
      wrapper: spec.envelope.wrapper,
      // As a default deployment sends them: a tenth of the updates leave the TOASTed properties unchanged.
      toast: 0.1,
    },
    (line) => {
      if (line.includes('"op":"u"')) updates++;
      else if (line.includes('"op":"d"')) deletes++;
      buffer.push(line);
      if (buffer.length >= 50_000) {
        writeSync(fd, `${buffer.join('\n')}\n`);
        buffer = [];
      }
    },
  );
  writeSync(fd, `${buffer.join('\n')}\n`);
  closeSync(fd);
  const dataDir = join(work, 'data');
  const samples: Record<string, WorkerRun[]> = {
    floor: [],
    parse: [],
    chain: [],
    client: [],
  };
  for (let round = 0; round < options.repeat; round++) {
    say(`round ${round + 1} of ${options.repeat}…`);
    samples.floor!.push(runWorker(['floor', dataDir, dump]));
    samples.parse!.push(runWorker(['parse', dataDir, dump]));
    samples.chain!.push(runWorker(['chain', dataDir, dump, planDir]));
    samples.client!.push(runWorker(['client', dataDir, dump]));
  }
  say('rebuilding every day of the aggregates once, then validating…');
  const engine = await connect({ dataDir, queryTimeoutSec: 3600, ...REPLAY_ENGINE });
  let rebuild: StreamBenchReport['rebuild'];
  try {
    const plan = readStreamPlan(planDir);
    const days = await daysWithData(engine, plan);
    const started = performance.now();
    await rebuildAggregates(engine, plan, { days });
    const seconds = (performance.now() - started) / 1000;
    const report = await validateStream(engine, plan, days);
    rebuild = { days: days.length, seconds, validationPassed: report.passed };
  } finally {
    await engine.close();
  }
  const results = Object.entries(samples).map(([method, runs]) => {
    const seconds = median(runs.map((r) => r.seconds));
    return {
      method: METHODS[method as keyof typeof METHODS],
      messages: runs[0]!.messages,
      seconds,
      messagesPerSecond: runs[0]!.messages / seconds,
      peakMiB: median(runs.map((r) => r.maxRssBytes)) / MiB,
      runs: runs.map((r) => r.seconds),
      ...(method === 'chain'
        ? {
            staging: {
              seconds: median(runs.map((r) => r.stagingSeconds)),
              runs: runs.map((r) => r.stagingSeconds),
            },
          }
        : {}),
    };
  });
  const get = (m: keyof typeof METHODS) => results.find((r) => r.method === METHODS[m])!;
  // What the chain does with a Kafka table's polls: the blocks landed through every view, without the replay's staging.
  const landed = median(samples.chain!.map((r) => r.seconds - r.stagingSeconds));
  const physicalFloor = get('floor').seconds + get('parse').seconds;
  rmSync(dump, { force: true });
  return {
    messages: result.messages,
    updates,
    deletes,
    redelivered: result.redelivered,
    repeat: options.repeat,
    results,
    rebuild,
    ratios: {
      'replay + rebuild time / floor time (target ≤ 3)':
        (get('chain').seconds + rebuild.seconds) / get('floor').seconds,
      'replay (chain) time / floor time': get('chain').seconds / get('floor').seconds,
      'chain time / physical floor time (floor + parse floor)': get('chain').seconds / physicalFloor,
      'landed blocks + rebuild time / floor time (the chain without replay staging)':
        (landed + rebuild.seconds) / get('floor').seconds,
      'landed blocks + rebuild time / physical floor time': (landed + rebuild.seconds) / physicalFloor,
      'chain speed / client-side consumer speed (target ≥ 10)': get('client').seconds / get('chain').seconds,
    },
    note: "each run in its own process, the dump read from the same file; seconds are medians of interleaved runs; peak memory is the process's maximum resident set, the embedded engine included",
  };
}
