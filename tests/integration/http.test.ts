import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/engine/connect.js';
import type { Engine } from '../../src/engine/engine.js';
import { ConnectionError } from '../../src/core/errors.js';
import { runFlatten } from '../../src/kinds/flatten/run/run.js';
import { seedDay } from '../../src/kinds/flatten/seed/seed.js';
import { validatePlan } from '../../src/kinds/flatten/validate/validate.js';
import { startHttpEndpoint, type HttpEndpoint } from '../helpers/http-endpoint.js';
import { testSettings } from '../helpers/engine.js';
import { flattenDays } from '../helpers/pipeline.js';
import { tempDir } from '../helpers/temp.js';

const DAY = '2025-10-08';
const PASSWORD = 's3cr3t-Pa55word-xyzzy';
const dir = tempDir('http');
let endpoint: HttpEndpoint;
let engine: Engine;

beforeAll(async () => {
  endpoint = await startHttpEndpoint({ dataDir: join(dir, 'data'), user: 'chplan', password: PASSWORD });
  engine = await connect({
    url: endpoint.url,
    user: 'chplan',
    password: PASSWORD,
    dataDir: join(dir, 'unused'),
    queryTimeoutSec: 120,
  });
});
afterAll(async () => {
  await engine.close();
  await endpoint.close();
});

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? (name === 'data' ? [] : filesUnder(path)) : [path];
  });
}

describe('the pipeline over HTTP', () => {
  it('seeds, transforms, validates and resumes with exact results', async () => {
    await seedDay(engine, testSettings(), { day: DAY, rows: 20_000, customers: 2, seed: 5, replace: false });
    const { plan, report } = await flattenDays(engine, testSettings(), dir, DAY);
    expect(report.passed).toBe(true);
    expect(endpoint.requests.every((r) => r.settings.max_execution_time !== undefined)).toBe(true);
    expect(endpoint.requests.some((r) => r.queryId.startsWith(`chplan-${plan.manifest.planHash.slice(0, 12)}`))).toBe(
      true,
    );
    const again = await runFlatten(engine, plan, { days: [DAY], chunk: 'hour', resume: true });
    expect(again[0]!.status).toBe('skipped');
    expect((await validatePlan(engine, plan, [DAY])).passed).toBe(true);
  });

  it('never writes the password into any file it produces', () => {
    const files = filesUnder(dir);
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(PASSWORD);
  });

  it('refuses wrong credentials and unreachable hosts with a clear message', async () => {
    const wrong = await connect({
      url: endpoint.url,
      user: 'chplan',
      password: 'nope',
      dataDir: join(dir, 'unused'),
      queryTimeoutSec: 5,
    }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ConnectionError);
    expect((wrong as Error).message).toMatch(/refused the credentials.*Check CLICKHOUSE_USER/);
    expect((wrong as Error).message).not.toContain('nope');

    // The endpoint lives in this process, so the CLI must run without blocking it.
    const cli = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'node',
        ['bin/chplan.js', 'discover', '--day', DAY, '--url', endpoint.url],
        {
          env: { ...process.env, CLICKHOUSE_USER: 'chplan', CLICKHOUSE_PASSWORD: 'wrong-password-123' },
        },
        (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(cli.status).toBe(3);
    expect(cli.stderr).toMatch(/refused the credentials/);
    expect(cli.stderr + cli.stdout).not.toContain('wrong-password-123');
  });
});
