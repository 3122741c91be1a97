import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const DAY = '2025-10-08';
const dir = tempDir('crash');
const data = join(dir, 'data');
const plan = join(dir, 'plan');

function chplan(...args: string[]) {
  const result = runCli(args, { dataDir: data });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Starts a run and sends `signal` once `chunks` chunk lines have been printed. */
function interruptedRun(
  signal: NodeJS.Signals,
  chunks: number,
  args = ['run', plan, '--day', DAY, '--chunk', 'hour'],
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = startCli(args, { dataDir: data });
    let out = '';
    let err = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!sent && (out.match(/target rows in/g) ?? []).length >= chunks) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, sig) => resolve({ code, signal: sig, out, err }));
  });
}

describe('killed runs', () => {
  it('SIGKILL in the middle of a run, then --resume: exact sums, no duplicates', async () => {
    expect(chplan('seed', '--day', DAY, '--rows', '120000', '--customer-count', '3').code).toBe(0);
    expect(chplan('discover', '--day', DAY, '--out', join(dir, 'mapping.json')).code).toBe(0);
    expect(chplan('compile', '--mapping', join(dir, 'mapping.json'), '--out', plan).code).toBe(0);

    const killed = await interruptedRun('SIGKILL', 6);
    expect(killed.signal).toBe('SIGKILL');

    const status = JSON.parse(chplan('status', plan, '--json').out) as {
      units: { published: boolean; chunks: { done: number } }[];
    };
    expect(status.units[0]!.published).toBe(false);
    expect(status.units[0]!.chunks.done).toBeGreaterThanOrEqual(6);

    const resumed = chplan('run', plan, '--day', DAY, '--chunk', 'hour', '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    expect((resumed.out.match(/kept from the earlier run/g) ?? []).length).toBeGreaterThanOrEqual(6);
    const validated = chplan('validate', plan, '--day', DAY);
    expect(validated.code, validated.out).toBe(0);
    expect(validated.out).toMatch(/validation passed: 100.0%/);
  });

  it('Ctrl-C stops cleanly: exit 130, ledger says aborted or the run stopped between chunks, nothing published', async () => {
    const before = chplan('status', plan, '--json');
    const interrupted = await interruptedRun('SIGINT', 3);
    expect(interrupted.code).toBe(130);
    expect(interrupted.err).toMatch(/Interrupted (during|before) 2025-10-08 .*target is unchanged/);
    // The target still holds the day the earlier run published; this run is what is unfinished.
    const status = JSON.parse(chplan('status', plan, '--json').out) as {
      units: { published: boolean; pending: boolean; chunks: { aborted: number; running: number } }[];
    };
    expect(status.units[0]).toMatchObject({ published: true, pending: true });
    // Stopped during a chunk: the ledger says so, as the README promises; between chunks, nothing is left running.
    if (/Interrupted during/.test(interrupted.err)) expect(status.units[0]!.chunks.aborted).toBe(1);
    expect(status.units[0]!.chunks.running).toBe(0);
    expect(before.code).toBe(0);
    const resumed = chplan('run', plan, '--day', DAY, '--chunk', 'hour', '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    expect(chplan('validate', plan, '--day', DAY).code).toBe(0);
  });

  it('two days loaded at once (--parallel-days 2), killed mid-run, resumed at once: both days exact', async () => {
    const next = '2025-10-09';
    expect(chplan('seed', '--day', next, '--rows', '40000', '--customer-count', '3').code).toBe(0);
    const both = join(dir, 'plan-two-days');
    expect(chplan('discover', '--day', DAY, '--to', next, '--out', join(dir, 'two-days.json')).code).toBe(0);
    expect(
      chplan('compile', '--mapping', join(dir, 'two-days.json'), '--out', both, '--target', 'default.two_days').code,
    ).toBe(0);
    const run = ['run', both, '--day', DAY, '--to', next, '--chunk', 'hour', '--parallel-days', '2'];
    const killed = await interruptedRun('SIGKILL', 8, run);
    expect(killed.signal).toBe('SIGKILL');
    // Both days were under way at once when the run died.
    expect(new Set([...killed.out.matchAll(/(2025-10-0[89]) h\d\d: /g)].map((m) => m[1]))).toEqual(
      new Set([DAY, next]),
    );
    const resumed = chplan(...run, '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    const validated = chplan('validate', both, '--day', DAY, '--to', next);
    expect(validated.code, validated.out).toBe(0);
    expect(validated.out).toMatch(/validation passed: 100.0%/);
  });
});
