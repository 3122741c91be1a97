import { join } from 'node:path';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { loadSpec } from '../../src/kinds/backfill/plan/spec.js';
import { backfillInputs, compileBackfillDir } from '../../src/kinds/backfill/plan/compile-plan-dir.js';
import { buildBackfillPlan, readBackfillPlan } from '../../src/kinds/backfill/plan/plan.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { runBackfill } from '../../src/kinds/backfill/run/run.js';
import { validateBackfill } from '../../src/kinds/backfill/validate/validate.js';
import { seedLangfuse } from '../../src/kinds/backfill/seed/seed-langfuse.js';
import { backfill } from '../../src/kinds/backfill/commands/workflow.js';
import { langfuseBackfill } from '../../src/kinds/backfill/bench/langfuse-reference.js';
import { observedEngine } from '../helpers/faulty-engine.js';
import { openTestEngine, rowsOnlyIn, scalar } from '../helpers/engine.js';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

/**
 * The backfill against Langfuse's own: one month of Langfuse-shaped data on Langfuse's current
 * schema (its migrations, applied in order), through chplan and through Langfuse's vendored
 * backfill SQL; every events_full and events_core row compared column by column.
 */
const MONTH = '2024-06';
const PARTITION = '202406';

let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;
let addedToLangfuse = -1;

const n = async (sql: string) => Number(await scalar(engine, sql));

async function columnsOf(table: string, where = "default_kind != 'ALIAS'"): Promise<string[]> {
  return (
    await engine.rows<{ name: string }>(
      `SELECT name FROM system.columns WHERE database = 'default' AND table = '${table}' AND ${where} ORDER BY position`,
    )
  ).map((c) => `\`${c.name}\``);
}

/** A plain copy of a table's partition after FINAL, with every stored column (MATERIALIZED ones included). */
async function snapshot(table: string, into: string): Promise<void> {
  await engine.command(`DROP TABLE IF EXISTS default.${into}`);
  await engine.command(
    `CREATE TABLE default.${into} ENGINE = MergeTree ORDER BY tuple() AS SELECT ${(await columnsOf(table)).join(', ')} FROM default.${table} FINAL WHERE _partition_id = '${PARTITION}'`,
  );
}

/** Rows of `a` not in `b` and of `b` not in `a` over every column, and the columns that differ (by event). */
async function differences(a: string, b: string): Promise<{ onlyA: number; onlyB: number; columns: string[] }> {
  const list = (await columnsOf(a)).join(', ');
  const every = (table: string) => `SELECT ${list} FROM default.${table}`;
  const onlyA = await rowsOnlyIn(engine, every(a), every(b));
  const onlyB = await rowsOnlyIn(engine, every(b), every(a));
  const columns: string[] = [];
  if (onlyA + onlyB > 0) {
    for (const c of await columnsOf(a)) {
      const select = `SELECT project_id, span_id, start_time, toString(tuple(${c})) FROM default.`;
      const d = await rowsOnlyIn(engine, `${select}${a}`, `${select}${b}`);
      if (d > 0) columns.push(`${c.replaceAll('`', '')} (${d})`);
    }
  }
  return { onlyA, onlyB, columns };
}

const same = { onlyA: 0, onlyB: 0, columns: [] };

function chplan(...args: string[]) {
  const result = runCli(args, { dataDir: join(dir, 'cli-data') });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  ({ engine, dir, cleanup } = await openTestEngine());
  await seedLangfuse(engine, {
    observations: { database: 'default', name: 'observations' },
    traces: { database: 'default', name: 'traces' },
    month: MONTH,
    observationCount: 30_000,
    traceCount: 3_000,
    seed: 7,
    replace: false,
  });
  // Unmerged versions, as a live Langfuse has them between merges: chplan must not depend on merges.
  await engine.command('SYSTEM STOP MERGES default.observations');
  await engine.command('SYSTEM STOP MERGES default.traces');
  const result = await backfill(engine, loadSpec(undefined, {}), { partitions: [PARTITION], out: join(dir, 'plan') });
  expect(result.report?.passed).toBe(true);
  await snapshot('events_full', 'chplan_full');
  await snapshot('events_core', 'chplan_core');
  // Langfuse's own backfill on the same tables, into emptied events tables. Merged sources make
  // its SQL deterministic: its copy and its LIMIT 1 BY take any of equal versions.
  await engine.command('TRUNCATE TABLE default.events_full');
  await engine.command('TRUNCATE TABLE default.events_core');
  await engine.command('SYSTEM START MERGES default.observations');
  await engine.command('SYSTEM START MERGES default.traces');
  await engine.command('OPTIMIZE TABLE default.observations FINAL');
  await engine.command('OPTIMIZE TABLE default.traces FINAL');
  await langfuseBackfill(engine, PARTITION);
  await snapshot('events_full', 'langfuse_full');
  await snapshot('events_core', 'langfuse_core');
  // missing-only over what Langfuse itself wrote: nothing is missing.
  await compileBackfillDir(engine, loadSpec(undefined, { publish: 'missing-only' }), join(dir, 'over-langfuse'));
  addedToLangfuse = (
    await runBackfill(engine, readBackfillPlan(join(dir, 'over-langfuse')), { partitions: [PARTITION] })
  )[0]!.rowsWritten;
  await engine.command('TRUNCATE TABLE default.events_full');
  await engine.command('TRUNCATE TABLE default.events_core');
}, 600_000);
afterAll(async () => cleanup());

describe('backfill as Langfuse writes it', () => {
  it('the month holds the production cases Langfuse meets', async () => {
    const has = (where: string) => n(`SELECT count() FROM default.observations WHERE ${where}`);
    expect(await has("endsWith(name, ' (moved)')")).toBeGreaterThan(100);
    expect(await has("endsWith(name, ' (restored)')")).toBeGreaterThan(10);
    expect(await has("endsWith(output, '(same event_ts, later insert)')")).toBeGreaterThan(10);
    expect(await has('is_deleted = 1')).toBeGreaterThan(100);
    expect(await has('id = trace_id')).toBeGreaterThan(10);
    expect(await has("parent_observation_id = ''")).toBeGreaterThan(10);
    expect(await has('length(tool_calls) > 0')).toBeGreaterThan(10);
    expect(await has('usage_pricing_tier_id IS NOT NULL')).toBeGreaterThan(10);
    expect(await has("mapContains(metadata, 'resourceAttributes')")).toBeGreaterThan(1000);
    expect(await has("trace_id LIKE 'tr-orphan-%'")).toBeGreaterThan(100);
    // Moves into the next month: for June, Langfuse keeps their June version.
    expect(await has("_partition_id = '202407'")).toBeGreaterThan(5);
    const traces = (where: string) => n(`SELECT count() FROM default.traces WHERE ${where}`);
    expect(await traces("endsWith(name, ' (twin)')")).toBeGreaterThan(5);
    expect(await traces("endsWith(name, ' (moved)')")).toBeGreaterThan(10);
    expect(await traces('is_deleted = 1')).toBeGreaterThan(10);
    expect(await traces("_partition_id = '202405'")).toBeGreaterThan(10);
    expect(await n('SELECT count() FROM default.dataset_run_items_rmt')).toBeGreaterThan(10);
  });

  it("writes every events_full row exactly as Langfuse's own backfill SQL does, column by column", async () => {
    expect(await n('SELECT count() FROM default.langfuse_full')).toBeGreaterThan(20_000);
    expect(await differences('chplan_full', 'langfuse_full')).toEqual(same);
  });

  it('missing-only over an events_full Langfuse filled itself adds nothing', () => {
    expect(addedToLangfuse).toBe(0);
  });

  it("leaves events_core as Langfuse's view would have it, published with events_full", async () => {
    expect(await n('SELECT count() FROM default.chplan_core')).toBe(await n('SELECT count() FROM default.chplan_full'));
    expect(await differences('chplan_core', 'langfuse_core')).toEqual(same);
  });

  it('does not depend on merges: on merged sources, in day or project chunks, the same rows', async () => {
    const plan = readBackfillPlan(join(dir, 'plan'));
    for (const chunk of ['day', 'projects/3']) {
      await runBackfill(engine, plan, { partitions: [PARTITION], chunk });
      await snapshot('events_full', 'again_full');
      expect(await differences('again_full', 'langfuse_full'), chunk).toEqual(same);
    }
    await snapshot('events_core', 'again_core');
    expect(await differences('again_core', 'langfuse_core')).toEqual(same);
    expect((await validateBackfill(engine, plan, [PARTITION])).passed).toBe(true);
  });

  it("creates a missing target as Langfuse's migrations define events_full, and each option differs from Langfuse only as documented", async () => {
    const describe = (table: string) =>
      engine.rows(
        `SELECT name, type, default_kind, default_expression, compression_codec FROM system.columns WHERE database = 'default' AND table = '${table}' ORDER BY position`,
      );
    // mergeTraceMetadata: only metadata differs, on events whose trace (same month) has metadata.
    writeFileSync(
      join(dir, 'merged.json'),
      JSON.stringify({ kind: 'backfill', target: 'default.events_merged', mergeTraceMetadata: true }),
    );
    const merged = await backfill(engine, loadSpec(join(dir, 'merged.json'), {}), {
      partitions: [PARTITION],
      out: join(dir, 'merged'),
    });
    expect(merged.report!.passed).toBe(true);
    expect(await describe('events_merged')).toEqual(await describe('events_full'));
    await snapshot('events_merged', 'merged_full');
    const withTraceMetadata = await n(`SELECT count() FROM default.langfuse_full AS e
      JOIN (SELECT project_id, id, argMax(metadata, event_ts) AS m FROM default.traces WHERE _partition_id = '${PARTITION}' GROUP BY project_id, id) AS t
      ON t.project_id = e.project_id AND t.id = e.trace_id
      WHERE NOT startsWith(e.span_id, 't-') AND mapUpdate(t.m, mapFromArrays(e.metadata_names, e.metadata_values)) != mapFromArrays(e.metadata_names, e.metadata_values)`);
    expect(withTraceMetadata).toBeGreaterThan(1000);
    expect(await differences('merged_full', 'langfuse_full')).toEqual({
      onlyA: withTraceMetadata,
      onlyB: withTraceMetadata,
      columns: [`metadata_names (${withTraceMetadata})`, `metadata_values (${withTraceMetadata})`],
    });
    // excludeDatasetRuns null: the events of dataset-run traces are added, nothing else changes.
    writeFileSync(
      join(dir, 'all.json'),
      JSON.stringify({ kind: 'backfill', target: 'default.events_all', excludeDatasetRuns: null }),
    );
    expect(
      (await backfill(engine, loadSpec(join(dir, 'all.json'), {}), { partitions: [PARTITION], out: join(dir, 'all') }))
        .report!.passed,
    ).toBe(true);
    await snapshot('events_all', 'all_full');
    const runTraces = '(project_id, trace_id) IN (SELECT project_id, trace_id FROM default.dataset_run_items_rmt)';
    expect(await n(`SELECT count() FROM default.all_full WHERE ${runTraces}`)).toBeGreaterThan(100);
    expect(await n(`SELECT count() FROM default.langfuse_full WHERE ${runTraces}`)).toBe(0);
    expect(await differences('all_full', 'langfuse_full')).toMatchObject({
      onlyA: await n(`SELECT count() FROM default.all_full WHERE ${runTraces}`),
      onlyB: 0,
    });
  });

  it('a staged partition that fails validation is not published: the target and events_core stay byte-identical, exit 4', async () => {
    const parts = () =>
      engine.rows(
        "SELECT table, name, rows, hash_of_all_files FROM system.parts WHERE database = 'default' AND table IN ('events_full', 'events_core') AND active ORDER BY table, name",
      );
    const before = await parts();
    const plan = readBackfillPlan(join(dir, 'plan'));
    let tampered = false;
    const tampering = observedEngine(engine, {
      before: async (sql) => {
        if (!tampered && /^-- Validation, row by row/.test(sql)) {
          tampered = true;
          await engine.command(
            "ALTER TABLE default.events_full__chplan_staging UPDATE user_id = 'tampered' WHERE user_id != '' AND cityHash64(span_id) % 500 = 1 SETTINGS mutations_sync = 2",
          );
        }
      },
    });
    const error = await runBackfill(tampering, plan, { partitions: [PARTITION] }).catch(
      (e: unknown) => e as Error & { exitCode: number },
    );
    expect(tampered).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect((error as { exitCode: number }).exitCode).toBe(4);
    expect((error as Error).message).toMatch(
      /Validation of the staged partition 202406 failed, so it was not published; default\.events_full is unchanged\.[\s\S]*every column equal: \d+ rows differ, in user_id \(\d+\)/,
    );
    expect((error as Error).message).toMatch(/proj-\d+ obs-/);
    expect(await parts()).toEqual(before);
  });

  it('missing-only adds exactly the events the target lacks, to events_core too, and a re-run adds nothing', async () => {
    const plan = readBackfillPlan(join(dir, 'plan'));
    await runBackfill(engine, plan, { partitions: [PARTITION] });
    await engine.command(
      'ALTER TABLE default.events_full DELETE WHERE cityHash64(span_id) % 10 = 0 SETTINGS mutations_sync = 2',
    );
    await engine.command(
      'ALTER TABLE default.events_core DELETE WHERE cityHash64(span_id) % 10 = 0 SETTINGS mutations_sync = 2',
    );
    const lacking =
      (await n('SELECT count() FROM default.langfuse_full')) - (await n('SELECT count() FROM default.events_full'));
    expect(lacking).toBeGreaterThan(1000);
    await compileBackfillDir(engine, loadSpec(undefined, { publish: 'missing-only' }), join(dir, 'missing'));
    const missing = readBackfillPlan(join(dir, 'missing'));
    const [first] = await runBackfill(engine, missing, { partitions: [PARTITION] });
    expect(first!.rowsWritten).toBe(lacking);
    await snapshot('events_full', 'again_full');
    await snapshot('events_core', 'again_core');
    expect(await differences('again_full', 'langfuse_full')).toEqual(same);
    expect(await differences('again_core', 'langfuse_core')).toEqual(same);
    const [again] = await runBackfill(engine, missing, { partitions: [PARTITION] });
    expect(again!.rowsWritten).toBe(0);
    expect((await validateBackfill(engine, missing, [PARTITION])).passed).toBe(true);
  });

  it('validation after publish names the column and the rows that are wrong', async () => {
    const plan = readBackfillPlan(join(dir, 'plan'));
    await engine.command(
      "ALTER TABLE default.events_full UPDATE release = 'wrong' WHERE cityHash64(span_id) % 1000 = 1 SETTINGS mutations_sync = 2",
    );
    const report = await validateBackfill(engine, plan, [PARTITION]);
    expect(report.passed).toBe(false);
    const check = report.days[0]!.checks.find((c) => c.name === 'every column equal')!;
    expect(check.status).toBe('fail');
    expect(check.detail).toMatch(/^(\d+) rows differ, in release \(\1\)$/);
    await runBackfill(engine, plan, { partitions: [PARTITION] });
    expect((await validateBackfill(engine, plan, [PARTITION])).passed).toBe(true);
  });

  it("the committed demo plan is exactly what the compiler produces for Langfuse's tables", async () => {
    const committed = 'generated-sql/events_backfill';
    const files = buildBackfillPlan(await backfillInputs(engine, loadSpec('examples/events-backfill.json')), {
      name: 'events_backfill',
      dir: committed,
      toolVersion: TOOL_VERSION,
    }).files;
    expect(readdirSync(committed).sort()).toEqual(files.map((f) => f.name).sort());
    for (const file of files)
      expect(readFileSync(join(committed, file.name), 'utf8'), `${file.name} drifted: run npm run backfill`).toBe(
        file.content,
      );
  });

  it('a misspelt or missing named source is refused, dry run or not, and nothing is seeded into real tables', async () => {
    const traces = await scalar(engine, 'SELECT count() FROM traces');
    const events = await scalar(engine, 'SELECT count() FROM events_full');
    for (const dryRun of [true, false]) {
      await expect(
        backfill(engine, loadSpec(undefined, { source: 'default.obsrvations' }), {
          partitions: [PARTITION],
          out: join(dir, 'typo'),
          dryRun,
        }),
      ).rejects.toThrow(/default\.obsrvations does not exist on .*; nothing was changed\. Check --source/);
    }
    // The default source missing beside existing traces: not an empty engine either.
    await engine.command('RENAME TABLE observations TO observations_kept');
    try {
      await expect(
        backfill(engine, loadSpec(undefined, {}), { partitions: [PARTITION], out: join(dir, 'typo') }),
      ).rejects.toThrow(/default\.traces exists, so this is not an empty engine/);
    } finally {
      await engine.command('RENAME TABLE observations_kept TO observations');
    }
    expect(
      await scalar(engine, "SELECT count() FROM system.tables WHERE name IN ('obsrvations', 'observations_kept')"),
    ).toBe('0');
    expect(await scalar(engine, 'SELECT count() FROM traces')).toBe(traces);
    expect(await scalar(engine, 'SELECT count() FROM events_full')).toBe(events);
  });

  it('refuses bad input with a clear error before writing anything', async () => {
    await engine.command(
      'CREATE TABLE thin_obs (id String, start_time DateTime64(3)) ENGINE = MergeTree PARTITION BY toYYYYMM(start_time) ORDER BY id',
    );
    await expect(
      compileBackfillDir(engine, loadSpec(undefined, { source: 'default.thin_obs' }), join(dir, 'bad')),
    ).rejects.toThrow(/lacks column\(s\) the backfill reads: trace_id, project_id/);
    await engine.command('CREATE TABLE weird (x Int32, s String) ENGINE = MergeTree ORDER BY x');
    await expect(
      compileBackfillDir(engine, loadSpec(undefined, { target: 'default.weird' }), join(dir, 'bad')),
    ).rejects.toThrow(/exists but is not an events table[\s\S]*- project_id String \(missing\)/);
    expect(await n('SELECT count() FROM weird')).toBe(0);
    expect(await n("SELECT count() FROM system.tables WHERE name = 'weird__chplan_staging'")).toBe(0);
    await engine.command(
      'CREATE TABLE daily_traces AS traces ENGINE = ReplacingMergeTree(event_ts, is_deleted) PARTITION BY toDate(timestamp) PRIMARY KEY (project_id, id) ORDER BY (project_id, id)',
    );
    await expect(
      compileBackfillDir(engine, loadSpec(undefined, { lookup: 'default.daily_traces' }), join(dir, 'bad')),
    ).rejects.toThrow(/partitioned by toDate\(timestamp\), not toYYYYMM\(timestamp\)/);
    writeFileSync(
      join(dir, 'norun.json'),
      JSON.stringify({ kind: 'backfill', excludeDatasetRuns: 'default.no_such_items' }),
    );
    await expect(compileBackfillDir(engine, loadSpec(join(dir, 'norun.json')), join(dir, 'bad'))).rejects.toThrow(
      /default\.no_such_items does not exist .*set it to null to keep every trace/,
    );
    writeFileSync(join(dir, 'berlin.json'), JSON.stringify({ kind: 'backfill', timeZone: 'Europe/Berlin' }));
    await expect(compileBackfillDir(engine, loadSpec(join(dir, 'berlin.json')), join(dir, 'bad'))).rejects.toThrow(
      /timeZone is Europe\/Berlin, but .* runs in (Etc\/)?UTC, where toYYYYMM\(\) cuts Langfuse's monthly partitions/,
    );
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ kind: 'backfill', lookupMarginHours: { before: 48 } }));
    expect(() => loadSpec(join(dir, 'old.json'))).toThrow(
      /sets "lookupMarginHours", which chplan no longer takes: an observation now takes its trace from the same monthly partition/,
    );
    expect(() => loadSpec(join(dir, 'missing.json'))).toThrow(/does not exist/);
    await expect(
      backfill(engine, loadSpec(undefined, {}), { partitions: ['202301'], out: join(dir, 'empty') }),
    ).rejects.toThrow(/no observations in 202301; nothing was written/);
  });
});

describe('backfill through the CLI', () => {
  const plan = join(tempDir('backfill-cli'), 'plan');
  it('refuses a spec of an earlier chplan with exit 2, and resumes a killed run to an exact month', async () => {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ kind: 'backfill', enrich: { user_id: 'user_id' } }));
    expect(chplan('seed', '--kind', 'langfuse', '--month', MONTH, '--observations', '30000').code).toBe(0);
    const bad = chplan('compile', '--spec', spec, '--out', join(dir, 'cli-bad'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/sets "enrich", which chplan no longer takes/);
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
    expect(overridden.err).toMatch(
      /Unknown argument: target\nrun takes the tables, zone, types and customers from the plan/,
    );
  });

  it('never seeds on its own in a dry run or on an engine with data: a fresh dry run creates nothing', () => {
    const fresh = join(tempDir('backfill-fresh'), 'data');
    const dry = runCli(['backfill', '--partition', PARTITION, '--dry-run', '--out', join(dir, 'dry-plan')], {
      dataDir: fresh,
    });
    expect(dry.status, dry.stderr).toBe(2);
    expect(dry.stderr).toMatch(
      /default\.observations does not exist .*; nothing was changed\. A dry run changes nothing, so it does not seed the demo month/,
    );
    // Had the dry run seeded 2024-06, this seed would refuse the month.
    const seeded = runCli(['seed', '--kind', 'langfuse', '--month', MONTH, '--observations', '10'], { dataDir: fresh });
    expect(seeded.status, seeded.stderr).toBe(0);
  });

  it('--no-validate skips the validation and says how to run it; a bad --chunk flag is named as the flag', () => {
    const skipped = chplan(
      'backfill',
      '--partition',
      PARTITION,
      '--chunk',
      'projects/4',
      '--no-validate',
      '--out',
      join(dir, 'unvalidated'),
    );
    expect(skipped.code, skipped.err).toBe(0);
    expect(skipped.out).not.toMatch(/validation passed/);
    expect(skipped.out).toMatch(/Not validated \(--no-validate\): chplan validate .*unvalidated checks it\./);
    const banana = chplan('backfill', '--partition', PARTITION, '--chunk', 'banana');
    expect(banana.code).toBe(2);
    expect(banana.err).toMatch(
      /^chplan: --chunk "banana" is not valid \(must match pattern .*\); nothing was compiled\. --chunk takes the chunk of a partition: auto \(default: buckets of projects/,
    );
    expect(banana.err).not.toMatch(/spec/);
  });

  it("compile --spec with --chunk day compiles a plan that runs in day chunks (the flag is the backfill's, not flatten's)", () => {
    const out = join(dir, 'days');
    const compiled = chplan('compile', '--spec', 'examples/events-backfill.json', '--chunk', 'day', '--out', out);
    expect(compiled.code, compiled.err).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).chunk).toBe('day');
    const dry = chplan('run', out, '--partition', PARTITION, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out.match(/^  2024-06-\d\d: /gm) ?? dry.out).toHaveLength(30);
  });

  it('a run whose output pipe closes early still finishes and publishes, and exits 0', async () => {
    const before = JSON.parse(chplan('status', plan, '--json').out) as { units: { lastActivity: string }[] };
    const code = await new Promise<number | null>((resolve) => {
      const child = startCli(['run', plan, '--partition', PARTITION], { dataDir: join(dir, 'cli-data') });
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(0);
    const after = JSON.parse(chplan('status', plan, '--json').out) as {
      units: { published: boolean; lastActivity: string }[];
    };
    expect(after.units[0]!.published).toBe(true);
    expect(after.units[0]!.lastActivity > before.units[0]!.lastActivity).toBe(true);
  });
});
