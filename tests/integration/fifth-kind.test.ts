import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/engine/connect.js';
import { tempDir } from '../helpers/temp.js';

// A kind registered from test fixtures (tests/fixtures/tally), whose unit is a hash bucket of a
// table, goes through the shared verbs: compile --spec, run, run --resume, validate, status, seed.
const dir = tempDir('fifth-kind');
const dataDir = join(dir, 'data');
const plan = join(dir, 'plan');
const spec = join(dir, 'tally.json');
writeFileSync(
  spec,
  JSON.stringify({
    kind: 'tally',
    name: 'tally',
    source: 'default.tally_source',
    target: 'default.tally_target',
    buckets: 4,
  }),
);

function chplan(...args: string[]) {
  const result = spawnSync('node', ['--import', 'tsx', 'tests/fixtures/tally/cli.ts', ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    env: { ...process.env, CLICKHOUSE_URL: '' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('a fifth kind from test fixtures', () => {
  it('runs bucket by bucket, stops on a failing bucket with the others published, resumes, validates and shows status', async () => {
    expect(chplan('seed', '--kind', 'tally', '--tally-rows', '2000', '--tally-poison-bucket', '2')).toMatchObject({
      code: 0,
    });
    expect(chplan('compile', '--spec', spec, '--out', plan)).toMatchObject({ code: 0 });

    const failed = chplan('run', plan);
    expect(failed.code).toBe(3);
    expect(failed.err).toMatch(/negative value/);
    expect(failed.err).toMatch(
      /This run published bucket 0\/4, bucket 1\/4 before it stopped \(complete, and recorded\); bucket 2\/4, bucket 3\/4 were not loaded: run again with --resume to continue\./,
    );

    const status = JSON.parse(chplan('status', plan, '--json').out) as {
      units: { unit: string; published: boolean; chunks: { failed: number } }[];
      failures: { error: string }[];
    };
    expect(status.units.map((u) => [u.unit, u.published, u.chunks.failed])).toEqual([
      ['0/4', true, 0],
      ['1/4', true, 0],
      ['2/4', false, 1],
    ]);
    expect(status.failures[0]!.error).toMatch(/negative value/);
    expect(chplan('status', plan).out).toMatch(/bucket 2\/4 +│ no/);
    expect(chplan('validate', plan).code).toBe(1);

    // The source without the refused value: a resumed run skips what it published and loads the rest.
    expect(chplan('seed', '--kind', 'tally', '--tally-rows', '2000')).toMatchObject({ code: 0 });
    const resumed = chplan('run', plan, '--resume', '--json');
    expect(resumed.code).toBe(0);
    const [group] = JSON.parse(resumed.out) as { units: { unit: string; status: string; rowsWritten: number }[] }[];
    expect(group!.units.map((u) => `${u.unit}:${u.status}`)).toEqual([
      'bucket 0/4:skipped',
      'bucket 1/4:skipped',
      'bucket 2/4:published',
      'bucket 3/4:published',
    ]);
    expect(chplan('validate', plan)).toMatchObject({ code: 0 });

    // Independently of the kind's own validation: what the target holds against the source's formula, in JavaScript.
    const engine = await connect({ dataDir, queryTimeoutSec: 60 });
    try {
      const [row] = await engine.rows<{ n: string; total: string; ids: string }>(
        'SELECT toString(count()) AS n, toString(sum(value)) AS total, toString(uniqExact(id)) AS ids FROM default.tally_target',
      );
      let total = 0;
      for (let id = 1; id <= 2000; id++) total += (id * 7) % 1000;
      expect(row).toEqual({ n: '2000', total: String(total), ids: '2000' });
    } finally {
      await engine.close();
    }
  });
});
