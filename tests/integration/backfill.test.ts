import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { loadSpec } from '../../src/kinds/backfill/plan/spec.js';
import { compileBackfillDir } from '../../src/kinds/backfill/plan/compile-plan-dir.js';
import { buildBackfillPlan, readBackfillPlan } from '../../src/kinds/backfill/plan/backfill-plan.js';
import { tableColumns } from '../../src/engine/table-columns.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { runBackfill } from '../../src/kinds/backfill/run/run-backfill.js';
import { validateBackfill } from '../../src/kinds/backfill/validate/validate-backfill.js';
import { seedLangfuse } from '../../src/kinds/backfill/seed/seed-langfuse.js';
import { backfill } from '../../src/kinds/backfill/commands/workflow.js';
import { openTestEngine, scalar } from '../helpers/engine.js';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const MONTH = '2024-06';
const PARTITION = '202406';
const MONTH_START = Date.UTC(2024, 5, 1);
const HOUR = 3_600_000;

let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;

type Row = Record<string, unknown>;
const utcMs = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
const key = (r: Row, id = 'id') => `${String(r.project_id)}\u0000${String(r[id])}`;

/** The latest version of each (project_id, id) by event_ts, computed in JavaScript. */
function latest(rows: Row[]): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const k = key(r);
    const seen = out.get(k);
    if (!seen || utcMs(String(r.event_ts)) > utcMs(String(seen.event_ts))) out.set(k, r);
  }
  return out;
}

/** Every event the backfill should write, from raw rows of every version, by a JavaScript join. */
async function expectedEvents(): Promise<Map<string, Row>> {
  const observations = await engine.rows<Row>("SELECT project_id, id, trace_id, toString(start_time) AS start_time, toString(event_ts) AS event_ts, is_deleted, version, metadata, usage_details FROM observations WHERE _partition_id = '202406'");
  const traces = await engine.rows<Row>('SELECT project_id, id, toString(timestamp) AS timestamp, toString(event_ts) AS event_ts, is_deleted, name, user_id, session_id, release, version, tags, public, bookmarked, metadata FROM traces');
  const traceOf = latest(traces);
  const events = new Map<string, Row>();
  for (const o of latest(observations).values()) {
    if (Number(o.is_deleted) === 1) continue;
    const t = traceOf.get(`${String(o.project_id)}\u0000${String(o.trace_id)}`);
    const start = utcMs(String(o.start_time));
    const found = t !== undefined && Number(t.is_deleted) === 0 && utcMs(String(t.timestamp)) >= start - 48 * HOUR && utcMs(String(t.timestamp)) < start + HOUR;
    const metadata = { ...(found ? (t!.metadata as object) : {}), ...(o.metadata as object) };
    events.set(key(o), {
      trace_name: found ? t!.name : '',
      user_id: found ? t!.user_id ?? '' : '',
      session_id: found ? t!.session_id ?? '' : '',
      release: found ? t!.release ?? '' : '',
      tags: found ? t!.tags : [],
      public: found ? t!.public : false,
      bookmarked: found ? t!.bookmarked : false,
      version: o.version ?? (found ? t!.version : null) ?? '',
      metadata: Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      usage: Object.values(o.usage_details as Record<string, string>).reduce((a, v) => a + BigInt(v), 0n).toString(),
      found,
      crossMonth: found && utcMs(String(t!.timestamp)) < MONTH_START,
    });
  }
  return events;
}

async function actualEvents(): Promise<Map<string, Row>> {
  const rows = await engine.rows<Row>(
    "SELECT project_id, span_id, trace_name, user_id, session_id, release, tags, public, bookmarked, version, arraySort(arrayZip(metadata_names, metadata_values)) AS metadata, toString(arraySum(mapValues(usage_details))) AS usage FROM events WHERE toYYYYMM(start_time) = 202406",
  );
  return new Map(rows.map((r) => [key(r, 'span_id'), { ...r, metadata: (r.metadata as [string, string][]).map(([k, v]) => [k, v]) }]));
}

function compare(expected: Map<string, Row>, actual: Map<string, Row>): string[] {
  const problems: string[] = [];
  if (expected.size !== actual.size) problems.push(`expected ${expected.size} events, found ${actual.size}`);
  for (const [k, want] of expected) {
    const have = actual.get(k);
    if (!have) { problems.push(`missing ${k}`); continue; }
    for (const field of ['trace_name', 'user_id', 'session_id', 'release', 'tags', 'public', 'bookmarked', 'version', 'metadata', 'usage']) {
      if (JSON.stringify(have[field]) !== JSON.stringify(want[field])) problems.push(`${k} ${field}: ${JSON.stringify(have[field])} ≠ ${JSON.stringify(want[field])}`);
    }
    if (problems.length > 10) break;
  }
  return problems;
}

function chplan(...args: string[]) {
  const result = runCli(args, { dataDir: join(dir, 'cli-data') });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  ({ engine, dir, cleanup } = await openTestEngine());
  // Background merges would fold versions together; production data has them unmerged.
  await engine.command('SYSTEM STOP MERGES');
  await seedLangfuse(engine, { observations: { database: 'default', name: 'observations' }, traces: { database: 'default', name: 'traces' }, month: MONTH, observationCount: 20_000, traceCount: 2_000, seed: 7, replace: false });
});
afterAll(async () => cleanup());

describe('backfill kind', () => {
  it('the seeded month has what production data has', async () => {
    expect(Number(await scalar(engine, 'SELECT count() - uniqExact(project_id, id) FROM observations'))).toBeGreaterThan(5_000);
    expect(Number(await scalar(engine, "SELECT count() FROM system.parts WHERE table = 'observations' AND active"))).toBeGreaterThan(1);
    expect(Number(await scalar(engine, 'SELECT countIf(is_deleted = 1) FROM observations'))).toBeGreaterThan(100);
    expect(Number(await scalar(engine, 'SELECT countIf(is_deleted = 1) FROM traces'))).toBeGreaterThan(10);
    expect(Number(await scalar(engine, "SELECT count() FROM observations WHERE trace_id LIKE 'tr-orphan-%'"))).toBeGreaterThan(100);
    expect(Number(await scalar(engine, 'SELECT countIf(toYYYYMM(timestamp) = 202405) FROM traces'))).toBeGreaterThan(10);
    expect(Number(await scalar(engine, 'SELECT max(length(metadata)) FROM traces'))).toBeGreaterThanOrEqual(50);
    expect(Number(await scalar(engine, 'SELECT uniqExact(project_id) FROM observations'))).toBe(20);
  });

  it('the committed demo plan is exactly what the compiler produces for the seeded tables', async () => {
    const spec = loadSpec('examples/events-backfill.json');
    const inputs = { spec, source: (await tableColumns(engine, spec.source))!, lookup: (await tableColumns(engine, spec.lookup))!, target: null };
    const files = buildBackfillPlan(inputs, { name: 'events_backfill', dir: 'generated-sql/events_backfill', toolVersion: TOOL_VERSION });
    const dir = 'generated-sql/events_backfill';
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name).sort());
    for (const file of files) expect(readFileSync(`${dir}/${file.name}`, 'utf8'), `${file.name} drifted: run npm run backfill`).toBe(file.content);
  });

  it('loads every latest, non-deleted observation with its trace\'s latest attributes, exactly as a JavaScript join computes them', async () => {
    const result = await backfill(engine, loadSpec(undefined, {}), { partitions: [PARTITION], out: join(dir, 'plan') });
    expect(result.report!.passed).toBe(true);
    const expected = await expectedEvents();
    expect(compare(expected, await actualEvents())).toEqual([]);
    const orphans = [...expected.values()].filter((e) => !e.found).length;
    expect(orphans).toBeGreaterThan(100);
    expect([...expected.values()].filter((e) => e.crossMonth).length).toBeGreaterThan(10);
    const orphanCheck = result.report!.days[0]!.checks.find((c) => c.name === 'orphan observations')!;
    expect(orphanCheck.detail).toContain(`${orphans} observations found no trace`);
  });

  it('re-running a finished partition changes nothing, and day chunks or buckets of projects give the same table', async () => {
    const before = await actualEvents();
    const plan = readBackfillPlan(join(dir, 'plan'));
    await runBackfill(engine, plan, { partitions: [PARTITION] });
    await runBackfill(engine, plan, { partitions: [PARTITION], chunk: 'projects/3' });
    expect(compare(before, await actualEvents())).toEqual([]);
    expect(Number(await scalar(engine, 'SELECT count() - uniqExact(project_id, span_id) FROM events'))).toBe(0);
  });

  it('missing-only inserts exactly the events the target lacks, and a re-run adds nothing', async () => {
    const full = await actualEvents();
    await engine.command("ALTER TABLE events DELETE WHERE cityHash64(span_id) % 10 = 0 SETTINGS mutations_sync = 2");
    const lacking = full.size - Number(await scalar(engine, 'SELECT count() FROM events'));
    expect(lacking).toBeGreaterThan(100);
    await compileBackfillDir(engine, loadSpec(undefined, { publish: 'missing-only' }), join(dir, 'missing'));
    const plan = readBackfillPlan(join(dir, 'missing'));
    const [first] = await runBackfill(engine, plan, { partitions: [PARTITION] });
    expect(first!.rowsWritten).toBe(lacking);
    expect(compare(full, await actualEvents())).toEqual([]);
    const [again] = await runBackfill(engine, plan, { partitions: [PARTITION] });
    expect(again!.rowsWritten).toBe(0);
    expect(compare(full, await actualEvents())).toEqual([]);
    expect((await validateBackfill(engine, plan, [PARTITION])).passed).toBe(true);
  });

  it('validation fails when an enriched value or an event is wrong', async () => {
    const plan = readBackfillPlan(join(dir, 'plan'));
    await engine.command("ALTER TABLE events UPDATE user_id = 'someone-else' WHERE user_id != '' AND cityHash64(span_id) % 1000 = 1 SETTINGS mutations_sync = 2");
    const report = await validateBackfill(engine, plan, [PARTITION]);
    expect(report.passed).toBe(false);
    expect(report.days[0]!.checks.find((c) => c.name === 'enriched columns')!.status).toBe('fail');
    await runBackfill(engine, plan, { partitions: [PARTITION] });
    expect((await validateBackfill(engine, plan, [PARTITION])).passed).toBe(true);
  });

  it('a misspelt or missing named source is refused, dry run or not, and nothing is seeded into real tables', async () => {
    const traces = await scalar(engine, 'SELECT count() FROM traces');
    const events = await scalar(engine, 'SELECT count() FROM events');
    for (const dryRun of [true, false]) {
      await expect(backfill(engine, loadSpec(undefined, { source: 'default.obsrvations' }), { partitions: [PARTITION], out: join(dir, 'typo'), dryRun }))
        .rejects.toThrow(/default\.obsrvations does not exist on .*; nothing was changed\. Check --source/);
    }
    // The default source missing beside existing traces: not an empty engine either.
    await engine.command('RENAME TABLE observations TO observations_kept');
    try {
      await expect(backfill(engine, loadSpec(undefined, {}), { partitions: [PARTITION], out: join(dir, 'typo') })).rejects.toThrow(/default\.traces exists, so this is not an empty engine/);
    } finally {
      await engine.command('RENAME TABLE observations_kept TO observations');
    }
    expect(await scalar(engine, "SELECT count() FROM system.tables WHERE name IN ('obsrvations', 'observations_kept')")).toBe('0');
    expect(await scalar(engine, 'SELECT count() FROM traces')).toBe(traces);
    expect(await scalar(engine, 'SELECT count() FROM events')).toBe(events);
  });

  it('refuses bad input with a clear error before writing anything', async () => {
    await engine.command('CREATE TABLE thin_obs (id String, start_time DateTime64(3)) ENGINE = MergeTree ORDER BY id');
    await expect(compileBackfillDir(engine, loadSpec(undefined, { source: 'default.thin_obs' }), join(dir, 'bad'))).rejects.toThrow(/lacks column\(s\) the backfill reads: trace_id, project_id/);
    await engine.command('CREATE TABLE weird (x Int32, s String) ENGINE = MergeTree ORDER BY x');
    await expect(compileBackfillDir(engine, loadSpec(undefined, { target: 'default.weird' }), join(dir, 'bad'))).rejects.toThrow(/exists but is not an events table[\s\S]*- project_id String \(missing\)/);
    expect(Number(await scalar(engine, 'SELECT count() FROM weird'))).toBe(0);
    expect(Number(await scalar(engine, "SELECT count() FROM system.tables WHERE name = 'weird__chplan_staging'"))).toBe(0);
    expect(() => loadSpec(join(dir, 'missing.json'))).toThrow(/does not exist/);
    await expect(backfill(engine, loadSpec(undefined, {}), { partitions: ['202301'], out: join(dir, 'empty') })).rejects.toThrow(/no observations in 202301; nothing was written/);
  });
});

describe('backfill through the CLI', () => {
  const plan = join(tempDir('backfill-cli'), 'plan');
  it('compiles a spec naming an unknown column with exit 2, and resumes a killed run to an exact month', async () => {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ kind: 'backfill', enrich: { user_id: 'no_such_column' } }));
    expect(chplan('seed', '--kind', 'langfuse', '--month', MONTH, '--observations', '30000').code).toBe(0);
    const bad = chplan('compile', '--spec', spec, '--out', join(dir, 'cli-bad'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"no_such_column" from default.traces, which has no such column/);
    writeFileSync(spec, JSON.stringify({ kind: 'backfill', chunk: '12h' }));
    expect(chplan('compile', '--spec', spec, '--out', plan).code).toBe(0);
    const killed = await new Promise<{ signal: string | null }>((resolve) => {
      const child = startCli(['run', plan, '--partition', PARTITION], { dataDir: join(dir, 'cli-data') });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/target rows in/g) ?? []).length === 24) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => resolve({ signal }));
    });
    expect(killed.signal).toBe('SIGKILL');
    const resumed = chplan('run', plan, '--partition', PARTITION, '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    expect((resumed.out.match(/kept from the earlier run/g) ?? []).length).toBeGreaterThanOrEqual(23);
    const validated = chplan('validate', plan, '--partition', PARTITION);
    expect(validated.code, validated.out).toBe(0);
    expect(validated.out).toMatch(/validation passed: 100.0%/);
    expect(chplan('run', plan, '--day', '2024-06-01').err).toMatch(/runs by monthly partition/);
    const overridden = chplan('run', plan, '--partition', PARTITION, '--target', 'default.other');
    expect(overridden.code).toBe(2);
    expect(overridden.err).toMatch(/Unknown argument: target\nrun takes the tables, zone, types and customers from the plan/);
  });

  it('never seeds on its own in a dry run or on an engine with data: a fresh dry run creates nothing', () => {
    const fresh = join(tempDir('backfill-fresh'), 'data');
    const dry = runCli(['backfill', '--partition', PARTITION, '--dry-run', '--out', join(dir, 'dry-plan')], { dataDir: fresh });
    expect(dry.status, dry.stderr).toBe(2);
    expect(dry.stderr).toMatch(/default\.observations does not exist .*; nothing was changed\. A dry run changes nothing, so it does not seed the demo month/);
    // Had the dry run seeded 2024-06, this seed would refuse the month.
    const seeded = runCli(['seed', '--kind', 'langfuse', '--month', MONTH, '--observations', '10'], { dataDir: fresh });
    expect(seeded.status, seeded.stderr).toBe(0);
  });

  it('--no-validate skips the validation and says how to run it; a bad --chunk flag is named as the flag', () => {
    const skipped = chplan('backfill', '--partition', PARTITION, '--chunk', 'projects/4', '--no-validate', '--out', join(dir, 'unvalidated'));
    expect(skipped.code, skipped.err).toBe(0);
    expect(skipped.out).not.toMatch(/validation passed/);
    expect(skipped.out).toMatch(/Not validated \(--no-validate\): chplan validate .*unvalidated checks it\./);
    const banana = chplan('backfill', '--partition', PARTITION, '--chunk', 'banana');
    expect(banana.code).toBe(2);
    expect(banana.err).toMatch(/^chplan: --chunk "banana" is not valid \(must match pattern .*\); nothing was compiled\. --chunk takes the chunk of a partition: day, hour, N hours dividing a day, or projects\/N/);
    expect(banana.err).not.toMatch(/spec/);
  });

  it('compile --spec with --chunk projects/4 compiles a plan that runs in project buckets (the flag is the backfill\'s, not flatten\'s)', () => {
    const out = join(dir, 'buckets');
    const compiled = chplan('compile', '--spec', 'examples/events-backfill.json', '--chunk', 'projects/4', '--out', out);
    expect(compiled.code, compiled.err).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).chunk).toBe('projects/4');
    const dry = chplan('run', out, '--partition', PARTITION, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out.match(/projects \d\/4/g) ?? dry.out).toHaveLength(4);
  });

  it('a run whose output pipe closes early still finishes and publishes, and exits 0', async () => {
    const before = JSON.parse(chplan('status', plan, '--json').out) as { days: { lastActivity: string }[] };
    const code = await new Promise<number | null>((resolve) => {
      const child = startCli(['run', plan, '--partition', PARTITION], { dataDir: join(dir, 'cli-data') });
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(0);
    const after = JSON.parse(chplan('status', plan, '--json').out) as { days: { published: boolean; lastActivity: string }[] };
    expect(after.days[0]!.published).toBe(true);
    expect(after.days[0]!.lastActivity > before.days[0]!.lastActivity).toBe(true);
  });
});
