import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/engine/connect.js';
import type { Engine } from '../../src/engine/engine.js';
import { seedDay } from '../../src/kinds/flatten/seed/seed.js';
import { discoverMapping } from '../../src/kinds/flatten/workflows/discover-mapping.js';
import { compilePlanDir } from '../../src/kinds/flatten/plan/compile-plan-dir.js';
import { readPlan } from '../../src/kinds/flatten/plan/plan.js';
import { runFlatten } from '../../src/kinds/flatten/run/run.js';
import { scalar, testSettings } from '../helpers/engine.js';
import { acquireLease } from '../../src/execute/lease.js';
import { appendLedger, NO_WINDOW } from '../../src/execute/ledger.js';
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const DEMO = 'generated-sql/eco_cross_page_preagg_pt1m';
const dir = tempDir('errors');

function chplan(...args: string[]) {
  const result = runCli(args);
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** One paragraph, no stack trace. */
function expectClean(err: string): void {
  expect(err).not.toMatch(/\n\s+at /);
  expect(err).toMatch(/^chplan: /);
}

describe('bad input ends with a clear message and the documented exit code', () => {
  let holder: Engine;
  beforeAll(async () => {
    holder = await connect({ dataDir: join(dir, 'held'), queryTimeoutSec: 60 });
  });
  afterAll(async () => holder.close());

  it('verify and approve: an edited plan is exit 4, a missing one or a blank reviewer exit 2', () => {
    const plan = join(dir, 'plan');
    cpSync(DEMO, plan, { recursive: true });
    appendFileSync(join(plan, '17_insert_chunk.sql'), '-- edited\n');
    for (const result of [chplan('verify', plan), chplan('approve', plan, '--by', 'QA')]) {
      expect(result.code).toBe(4);
      expectClean(result.err);
      expect(result.err).toMatch(/17_insert_chunk.sql was changed/);
    }
    const missing = chplan('verify', join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expectClean(missing.err);
    const blank = chplan('approve', DEMO, '--by', '   ');
    expect(blank.code).toBe(2);
    expect(blank.err).toMatch(/--by must name the reviewer/);
  });

  it('verify binds the sign-off too: an unlisted file in the plan or an edited reviewer is exit 4', () => {
    const plan = join(dir, 'approved-plan');
    cpSync(DEMO, plan, { recursive: true });
    const approved = chplan('approve', plan, '--by', 'Dana (DBA)');
    expect(approved.code, approved.err).toBe(0);
    expect(chplan('verify', plan).code).toBe(0);
    writeFileSync(join(plan, '99_extra.sql'), 'DROP DATABASE victim_db\n');
    const extra = chplan('verify', plan);
    expect(extra.code).toBe(4);
    expectClean(extra.err);
    expect(extra.err).toMatch(/holds a file its manifest does not list: 99_extra\.sql\. Nothing was run\./);
    rmSync(join(plan, '99_extra.sql'));
    const approval = join(plan, 'APPROVAL.json');
    writeFileSync(approval, readFileSync(approval, 'utf8').replace('Dana (DBA)', 'Mallory'));
    const forged = chplan('verify', plan);
    expect(forged.code).toBe(4);
    expectClean(forged.err);
    expect(forged.err).toMatch(/APPROVAL\.json was edited after it was recorded/);
    expect(forged.out).not.toMatch(/Mallory/);
  });

  it('usage errors are exit 2: a plan path that is a file, a non-HTTP URL, a bad timeout or seed', () => {
    const cases: [string[], RegExp][] = [
      [['run', join(DEMO, 'PLAN.md'), '--day', '2025-10-08'], /is a file, not a plan directory/],
      [
        ['run', DEMO, '--day', '2025-10-08', '--url', 'ftp://reader:s3cret@example.invalid'],
        /uses ftp; chplan speaks ClickHouse's HTTP interface/,
      ],
      [['run', DEMO, '--day', '2025-10-08', '--timeout', 'abc'], /--timeout must be a positive number/],
      [['run', DEMO, '--day', '2025-10-08', '--timeout', '0'], /--timeout must be a positive number/],
      [
        ['run', DEMO, '--day', '2025-10-08', '--days-per-unit', '2'],
        /--days-per-unit is a flag of stream plans; this is a flatten plan, which does not read it\. Nothing was run\./,
      ],
      [
        ['seed', '--day', '2025-10-08', '--seed', 'abc', '--data-dir', join(dir, 'seed')],
        /--seed must be a whole number/,
      ],
      [
        ['run', DEMO, '--day', '1970-01-01', '--to', '2099-12-31', '--dry-run', '--data-dir', join(dir, 'range')],
        /spans 47482 days; one command takes at most 366/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = chplan(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expectClean(result.err);
      expect(result.err).toMatch(message);
      expect(result.err).not.toContain('s3cret');
    }
  });

  it('a report path that is a directory is exit 2 and leaves no temporary file', () => {
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    const result = chplan(
      'validate',
      DEMO,
      '--day',
      '2025-10-08',
      '--report',
      reports,
      '--data-dir',
      join(dir, 'empty'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/is a directory; name a file/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('a report path that cannot be written is refused before anything runs, by every command that writes one', () => {
    for (const args of [
      ['backfill', '--partition', '202406'],
      ['transform'],
      ['sync'],
      ['validate', DEMO, '--day', '2025-10-08'],
    ]) {
      const data = join(dir, `never-${args[0]}`);
      const result = chplan(...args, '--report', '/proc/nope/r.json', '--data-dir', data);
      expect(result.code, args.join(' ')).toBe(2);
      expectClean(result.err);
      expect(result.err).toMatch(/\/proc\/nope\/r\.json cannot be written \(\w+\)\. Nothing was run\./);
      expect(existsSync(data), args[0]).toBe(false);
    }
  });

  it('a data directory under /proc fails at once instead of spinning, and URL credentials are neither warned about nor shown', () => {
    const proc = chplan('status', DEMO, '--data-dir', '/proc/chplan-nope');
    expect(proc.code).toBe(2);
    expect(proc.err).toMatch(/cannot be created or written/);
    const url = chplan('status', DEMO, '--url', 'http://reader:s3cret@127.0.0.1:1');
    expect(url.code).toBe(3);
    expect(url.err).toMatch(/^chplan: Cannot reach ClickHouse over HTTP at http:\/\/127.0.0.1:1 as reader:/);
    expect(url.err).not.toMatch(/WARN|s3cret/);
  });

  it('colours only where asked and allowed: never when piped, FORCE_COLOR turns them on, NO_COLOR wins', () => {
    const plain = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR' && k !== 'NO_COLOR'),
    );
    const run = (env: Record<string, string>) =>
      spawnSync('node', ['bin/chplan.js', 'run', join(dir, 'nope'), '--day', '2025-10-08'], {
        encoding: 'utf8',
        env: { ...plain, CI: 'true', CLICKHOUSE_URL: '', ...env },
      }).stderr;
    expect(run({})).toMatch(/^chplan: /);
    expect(run({ FORCE_COLOR: '1' })).toMatch(/^\x1b\[31mchplan:\x1b\[39m /);
    expect(run({ FORCE_COLOR: '1', NO_COLOR: '1' })).toMatch(/^chplan: /);
  });

  it('a data directory another process holds is exit 4, naming that process', () => {
    const result = chplan('status', DEMO, '--data-dir', join(dir, 'held'));
    expect(result.code).toBe(4);
    expect(result.err).toMatch(new RegExp(`has the embedded data directory .* open \\(PID: ${process.pid} `));
    expect(result.err).not.toMatch(/Code: 76|Cannot lock file/); // the engine's own line, printed before it throws
    expectClean(result.err);
  });

  it('a flatten target of another structure is refused with a column diff before anything is written', async () => {
    const settings = testSettings({ target: 'default.weird' });
    await seedDay(holder, settings, { day: '2025-10-08', rows: 2_000, customers: 2, seed: 1, replace: false });
    await holder.command('CREATE TABLE default.weird (x Int32, s String) ENGINE = MergeTree ORDER BY x');
    await discoverMapping(holder, settings, { from: '2025-10-08', to: '2025-10-08', out: join(dir, 'weird.json') });
    await compilePlanDir(holder, settings, { mapping: join(dir, 'weird.json'), out: join(dir, 'weird-plan') });
    await expect(
      runFlatten(holder, readPlan(join(dir, 'weird-plan')), { days: ['2025-10-08'], chunk: 'day' }),
    ).rejects.toThrow(
      /exists but is not the table plan weird-plan writes[\s\S]*- timestampMs DateTime64\(3\) \(missing\)[\s\S]*- int1 Int32 \(missing\)/,
    );
    expect(
      await scalar(
        holder,
        "SELECT count() FROM system.tables WHERE name IN ('chplan_mappings', 'weird__chplan_staging', 'chplan_ledger')",
      ),
    ).toBe('0');
    expect(await scalar(holder, 'SELECT count() FROM default.weird')).toBe('0');
  });

  it('a runner whose lease is taken over with --force stops at its next step, and the taker is told it looked alive', async () => {
    await holder.command(readFileSync(join(DEMO, '02_create_ledger.sql'), 'utf8'));
    const ledger = {
      table: { database: 'default', name: 'chplan_ledger' },
      append: readFileSync(join(DEMO, '04_append_ledger.sql'), 'utf8'),
    };
    const options = (runner: string, force: boolean) => ({
      runner: `${hostname()}:${process.pid}:${runner}`,
      force,
      staleAfterSec: 300,
      planHash: 'p',
    });
    const first = await acquireLease(holder, ledger, 'default.t', options('first', false));
    await expect(acquireLease(holder, ledger, 'default.t', options('second', false))).rejects.toThrow(
      /Another chplan run holds default.t/,
    );
    const second = await acquireLease(holder, ledger, 'default.t', options('second', true));
    expect(second.takenOver.map((h) => h.runner)).toEqual([first.runner]);
    // A refresh of the first runner's lease that was in flight as the takeover landed, written after it: a takeover is
    // final all the same.
    await appendLedger(holder, ledger, {
      planHash: 'p',
      target: 'default.t',
      unit: '',
      window: NO_WINDOW,
      step: 'lease',
      status: 'held',
      attempt: 0,
      queryId: '',
      rowsRead: 0,
      rowsWritten: 0,
      runner: first.runner,
      startedAt: new Date(),
      finishedAt: new Date(Date.now() + 60_000),
    });
    await expect(first.heartbeat()).rejects.toThrow(
      new RegExp(`This run lost default.t: taken over by ${second.runner} \\(--force\\)`),
    );
    await second.heartbeat();
  });
});
