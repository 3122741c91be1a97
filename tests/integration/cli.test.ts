import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'chplan-cli-'));
function chplan(...args: string[]) {
  const result = spawnSync('node', ['bin/chplan.js', ...args, '--data-dir', join(dir, 'data')], { encoding: 'utf8', env: { ...process.env, CLICKHOUSE_URL: '' } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('command line', () => {
  it('lists every command', () => {
    const { code, out } = chplan('--help');
    expect(code).toBe(0);
    for (const command of ['seed', 'discover', 'compile', 'run <plan>', 'validate <plan>', 'transform']) expect(out).toContain(`chplan ${command}`);
  });

  it('exits 2 with one clear message on bad input', () => {
    const badDay = chplan('discover', '--day', '2025-02-30');
    expect(badDay.code).toBe(2);
    expect(badDay.err).toMatch(/--day "2025-02-30" is not a date; use YYYY-MM-DD/);
    expect(badDay.err).not.toMatch(/at .*\.ts:\d+/);

    const config = join(dir, 'bad.json');
    writeFileSync(config, '{"intType": "Int7"}');
    const badConfig = chplan('discover', '--day', '2025-10-08', '--config', config);
    expect(badConfig.code).toBe(2);
    expect(badConfig.err).toMatch(/\/intType must be one of/);

    const noPlan = chplan('run', join(dir, 'nope'), '--day', '2025-10-08');
    expect(noPlan.code).toBe(2);
    expect(noPlan.err).toMatch(/Plan directory .* does not exist/);

    const noSource = chplan('discover', '--day', '2025-10-08', '--source', 'nodb.missing');
    expect(noSource.code).toBe(2);
    expect(noSource.err).toMatch(/Source table nodb.missing not found .* There is no database nodb/);
  });

  it('refuses an unwritable data directory and an incomplete plan directory', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const result = spawnSync('node', ['bin/chplan.js', 'discover', '--day', '2025-10-08', '--data-dir', join(file, 'data')], { encoding: 'utf8', env: { ...process.env, CLICKHOUSE_URL: '' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot be created or written. Pass a writable --data-dir/);

    const half = join(dir, 'half-plan');
    mkdirSync(half);
    writeFileSync(join(half, '06_insert_chunk.sql'), 'SELECT 1');
    const incomplete = chplan('run', half, '--day', '2025-10-08');
    expect(incomplete.code).toBe(2);
    expect(incomplete.err).toMatch(/is not a plan directory \(no manifest.json; it holds: 06_insert_chunk.sql\)/);

    const reversed = chplan('run', half, '--day', '2025-10-09', '--to', '2025-10-08');
    expect(reversed.code).toBe(2);
  });

  it('diffs mapping files with exit 0 when compatible and 1 when not', () => {
    const base = { formatVersion: 1, version: 1, parent: null, source: 'a.b', discovered: { from: '2025-10-08', to: '2025-10-08', timeZone: 'UTC', rows: 1 }, float: [], free: { int: [], float: [] } };
    const entry = (key: string, column: string) => ({ key, column, maps: ['m'], rows: 1 });
    const write = (name: string, int: object[]) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ ...base, int }));
      return path;
    };
    const a = write('a.json', [entry('a', 'int1'), entry('b', 'int2')]);
    const grown = write('grown.json', [entry('a', 'int1'), entry('b', 'int2'), entry('c', 'int3')]);
    const shifted = write('shifted.json', [entry('b', 'int1'), entry('c', 'int2')]);
    const ok = chplan('diff', a, grown);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Added keys \(1\)[\s\S]*"c"[\s\S]*Compatible/);
    const bad = chplan('diff', a, shifted, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ compatible: false, moved: [{ key: 'b', from: 'int2', to: 'int1' }] });
  });

  it('exits 3 when the server cannot be reached', () => {
    const { code, err } = chplan('discover', '--day', '2025-10-08', '--url', 'http://127.0.0.1:9', '--timeout', '5');
    expect(code).toBe(3);
    expect(err).toMatch(/Cannot reach ClickHouse over HTTP at http:\/\/127.0.0.1:9/);
  });
});
