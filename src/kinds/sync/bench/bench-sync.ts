import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '../../../engine/connect.js';
import { median, runWorkerProcess } from '../../../bench/measure.js';
import { utcInstant, utcText } from '../../../core/windows.js';
import { loadSyncSpec, DEFAULT_SPEC_PATH, type SyncSpec } from '../plan/spec.js';
import type { Engine } from '../../../engine/engine.js';
import { readSyncPlan } from '../plan/plan.js';
import { compileSyncDir } from '../plan/compile-plan-dir.js';
import { runSync } from '../run/run.js';
import { BEGINNING } from '../run/load-window.js';
import { ADTECH_DEFAULTS, seedAdtech } from '../seed/seed-adtech.js';
import { startEmbeddedPostgres } from '../../../engine/embedded-postgres.js';
import type { PgConnection } from '../../../engine/postgres.js';

/** An incremental batch of impressions, stamped within the last hour. */
const BATCH =
  "INSERT INTO impressions (campaign_id, event_time, cost) SELECT 1 + (i % 200), now() - (i % 3600) * interval '1 second', 0.001 + (i % 97) * 0.00001 FROM generate_series(1, $1::int) AS i";

const WORKER = new URL('./bench-worker.ts', import.meta.url);
const MiB = 1024 * 1024;

export interface SyncBenchOptions {
  impressions: number;
  batch: number;
  repeat: number;
  workDir: string;
  /** `chplan sync` itself, whose whole incremental run is measured (passed in: the commands import this file). */
  sync: (
    engine: Engine,
    spec: SyncSpec,
    pg: PgConnection,
    options: { out: string },
  ) => Promise<{ report: { passed: boolean } | null; validated: string | null }>;
  onProgress?: (message: string) => void;
}

export interface SyncBenchResult {
  phase: 'initial' | 'incremental';
  method: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakMiB: number;
  runs: number[];
}

export interface SyncBenchReport {
  impressions: number;
  batch: number;
  repeat: number;
  engine: string;
  wholeSyncSeconds: number;
  /**
   * One whole `chplan sync` after another batch: compile, load, KPI views and the validation a sync runs (its windows),
   * against PostgreSQL's COPY of that batch.
   */
  incrementalSync: { rows: number; seconds: number; copySeconds: number; validation: string; passed: boolean };
  results: SyncBenchResult[];
  ratios: Record<string, number>;
  note: string;
}

const METHODS = {
  floor: 'PostgreSQL COPY … TO /dev/null (floor)',
  pull: 'chplan pull: load + publish (swap into the empty target, else exactly-once merge)',
  client: 'client-side copy (cursor → Node → batches)',
} as const;

function runWorker(pgUrl: string, args: string[]): { rows: number; seconds: number; maxRssBytes: number } {
  return runWorkerProcess(WORKER, args, { PG_URL: pgUrl });
}

async function maxCursor(c: import('pg').Client): Promise<string> {
  const { rows } = await c.query(
    "SELECT to_char(max(inserted_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS hi FROM impressions",
  );
  return rows[0].hi as string;
}

/**
 * Measures copying impressions from PostgreSQL into ClickHouse three ways, each run in its own
 * process and interleaved: ClickHouse pulling through the plan's statements, a client-side copy
 * as the seeds' ETL does it, and PostgreSQL's own COPY of the same rows (the floor). First the
 * initial load of every row, then an incremental batch on top of it.
 */
export async function benchSync(options: SyncBenchOptions): Promise<SyncBenchReport> {
  const say = options.onProgress ?? (() => {});
  rmSync(options.workDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dir: join(options.workDir, 'pg'), persistent: false });
  const source: PgConnection = server.connection;
  const pgUrl = `postgres://${source.user}:${encodeURIComponent(source.password)}@${source.host}:${source.port}/${source.database}`;
  const dataDir = join(options.workDir, 'data');
  const planDir = join(options.workDir, 'plan');
  try {
    say(`seeding ${options.impressions} impressions in PostgreSQL…`);
    await seedAdtech(source, { ...ADTECH_DEFAULTS, impressions: options.impressions });
    const engine = await connect({ dataDir, queryTimeoutSec: 3600 });
    let wholeSyncSeconds = 0;
    let incrementalSync: SyncBenchReport['incrementalSync'] = {
      rows: 0,
      seconds: 0,
      copySeconds: 0,
      validation: '',
      passed: false,
    };
    try {
      await compileSyncDir(engine, loadSyncSpec(DEFAULT_SPEC_PATH), source, planDir);
      say('one whole chplan sync (every table, KPI views)…');
      const started = performance.now();
      await runSync(engine, readSyncPlan(planDir), { pg: source });
      wholeSyncSeconds = (performance.now() - started) / 1000;
    } finally {
      await engine.close();
    }
    const { default: pg } = await import('pg');
    const client = new pg.Client(source);
    await client.connect();
    const results: SyncBenchResult[] = [];
    const lookback = readSyncPlan(planDir).manifest.lookbackSeconds;
    try {
      const hi0 = await maxCursor(client);
      const measurePhase = (phase: 'initial' | 'incremental', lo: string, hi: string) => {
        const samples: Record<string, { rows: number; seconds: number; maxRssBytes: number }[]> = {
          floor: [],
          pull: [],
          client: [],
        };
        for (let round = 0; round < options.repeat; round++) {
          say(`${phase}: round ${round + 1} of ${options.repeat}…`);
          samples.floor!.push(runWorker(pgUrl, ['floor', lo, hi]));
          samples.pull!.push(runWorker(pgUrl, ['pull', dataDir, planDir, lo, hi, phase]));
          samples.client!.push(runWorker(pgUrl, ['client', dataDir, lo, hi]));
        }
        for (const [method, runs] of Object.entries(samples)) {
          const seconds = median(runs.map((r) => r.seconds));
          results.push({
            phase,
            method: METHODS[method as keyof typeof METHODS],
            rows: runs[0]!.rows,
            seconds,
            rowsPerSecond: runs[0]!.rows / seconds,
            peakMiB: median(runs.map((r) => r.maxRssBytes)) / MiB,
            runs: runs.map((r) => r.seconds),
          });
        }
      };
      measurePhase('initial', BEGINNING, hi0);
      say(`adding an incremental batch of ${options.batch} impressions…`);
      await client.query(BATCH, [options.batch]);
      const hi1 = await maxCursor(client);
      const lo1 = `${utcText(utcInstant(hi0) - lookback * 1000)}000`;
      measurePhase('incremental', lo1, hi1);
      say(`one whole incremental chplan sync of another ${options.batch} impressions…`);
      await client.query(BATCH, [options.batch]);
      const lo2 = `${utcText(utcInstant(hi1) - lookback * 1000)}000`;
      const copy = runWorker(pgUrl, ['floor', lo2, await maxCursor(client)]);
      const again = await connect({ dataDir, queryTimeoutSec: 3600 });
      try {
        const started = performance.now();
        const result = await options.sync(again, loadSyncSpec(DEFAULT_SPEC_PATH), source, { out: planDir });
        incrementalSync = {
          rows: copy.rows,
          seconds: (performance.now() - started) / 1000,
          copySeconds: copy.seconds,
          validation: result.validated ?? '',
          passed: result.report?.passed ?? false,
        };
      } finally {
        await again.close();
      }
    } finally {
      await client.end();
    }
    const get = (phase: string, method: keyof typeof METHODS) =>
      results.find((r) => r.phase === phase && r.method === METHODS[method])!;
    const ratios: Record<string, number> = {};
    for (const phase of ['initial', 'incremental']) {
      ratios[`${phase}: pull speed / client-side copy speed (target ≥ 5)`] =
        get(phase, 'client').seconds / get(phase, 'pull').seconds;
      ratios[`${phase}: pull time / COPY floor time (target ≤ ${phase === 'initial' ? 1.5 : 2})`] =
        get(phase, 'pull').seconds / get(phase, 'floor').seconds;
      ratios[`${phase}: client-side copy peak memory / pull peak memory`] =
        get(phase, 'client').peakMiB / get(phase, 'pull').peakMiB;
    }
    ratios['incremental: whole chplan sync / (2 × COPY of its batch + 1 s) (target ≤ 1)'] =
      incrementalSync.seconds / (2 * incrementalSync.copySeconds + 1);
    return {
      impressions: options.impressions,
      batch: options.batch,
      repeat: options.repeat,
      engine: 'embedded chDB, PostgreSQL on loopback',
      wholeSyncSeconds,
      incrementalSync,
      results,
      ratios,
      note: "each run in its own process; seconds are medians of interleaved runs; peak memory is the process's maximum resident set (with the embedded engine, ClickHouse's memory too; PostgreSQL's own processes are not counted)",
    };
  } finally {
    await server.stop();
  }
}
