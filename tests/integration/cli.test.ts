import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('cli');
function chplan(...args: string[]) {
  const result = runCli(args, { dataDir: join(dir, 'data') });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('command line', () => {
  it('lists every command', () => {
    const { code, out } = chplan('--help');
    expect(code).toBe(0);
    for (const command of [
      'seed',
      'discover',
      'compile',
      'run <plan>',
      'validate <plan>',
      'transform',
      'backfill',
      'bench-backfill',
    ])
      expect(out).toContain(`chplan ${command}`);
    expect(out).toMatch(/Examples:[\s\S]*chplan backfill --partition 202406/);
    expect(out).toMatch(/Exit codes: 0 done[\s\S]*4 refused for safety/);
  });

  it('transform on an empty engine says it seeds before it does, and times every stage', () => {
    const { status: code, stdout: out } = runCli(
      ['transform', '--mapping', join(dir, 'transform.json'), '--out', join(dir, 'transform-plan')],
      { dataDir: join(dir, 'transform-data') },
    );
    expect(code).toBe(0);
    const lines = out.split('\n');
    const seedStage = lines.indexOf('» seed');
    expect(seedStage).toBe(0);
    expect(lines[seedStage + 1]).toMatch(
      /^  no source table on the embedded engine: demo data for 2025-10-08, 200000 rows$/,
    );
    for (const stage of ['seed', 'discover', 'compile', 'run', 'validate'])
      expect(out).toMatch(new RegExp(`  ${stage} took \\d+\\.\\d s`));
    expect(out).toMatch(/│ unit\s+│ status\s+│ source rows │ target rows │ seconds │/);
  });

  it('transform seeds only the default source: a misspelt one is refused and nothing is created', () => {
    const data = join(dir, 'typo-data');
    const typo = runCli(
      [
        'transform',
        '--source',
        'default.eco_cross_page_flow_pt1m_lcoal',
        '--mapping',
        join(dir, 'typo.json'),
        '--out',
        join(dir, 'typo-plan'),
      ],
      { dataDir: data },
    );
    expect(typo.status, typo.stderr).toBe(2);
    expect(typo.stderr).toMatch(
      /default\.eco_cross_page_flow_pt1m_lcoal does not exist on .*; nothing was changed\. Check --source/,
    );
    // Nothing was seeded under the misspelt name: seeding it on purpose finds no earlier rows.
    const seeded = runCli(
      ['seed', '--day', '2025-10-08', '--rows', '100', '--source', 'default.eco_cross_page_flow_pt1m_lcoal'],
      { dataDir: data },
    );
    expect(seeded.status, seeded.stderr).toBe(0);
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
    const result = runCli(['discover', '--day', '2025-10-08'], { dataDir: join(file, 'data') });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot be created or written. Pass a writable --data-dir/);

    const half = join(dir, 'half-plan');
    mkdirSync(half);
    writeFileSync(join(half, '17_insert_chunk.sql'), 'SELECT 1');
    const incomplete = chplan('run', half, '--day', '2025-10-08');
    expect(incomplete.code).toBe(2);
    expect(incomplete.err).toMatch(/is not a plan directory \(no manifest.json; it holds: 17_insert_chunk.sql\)/);

    const reversed = chplan('run', half, '--day', '2025-10-09', '--to', '2025-10-08');
    expect(reversed.code).toBe(2);
  });

  it('diffs mapping files with exit 0 when compatible and 1 when not', () => {
    const base = {
      formatVersion: 1,
      version: 1,
      parent: null,
      source: 'a.b',
      discovered: { from: '2025-10-08', to: '2025-10-08', timeZone: 'UTC', rows: 1 },
      float: [],
      free: { int: [], float: [] },
    };
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

  it('compiles without a connection from a schema file or a plan manifest, to the same plan', () => {
    expect(chplan('seed', '--day', '2025-10-08', '--rows', '2000').code).toBe(0);
    const mapping = join(dir, 'offline.json');
    const schema = join(dir, 'source-schema.json');
    expect(chplan('discover', '--day', '2025-10-08', '--out', mapping, '--schema-out', schema).code).toBe(0);
    const online = chplan('compile', '--mapping', mapping, '--out', join(dir, 'online', 'plan'));
    expect(online.code, online.err).toBe(0);
    // An unreachable URL proves that compiling from a schema file never connects.
    const offline = chplan(
      'compile',
      '--mapping',
      mapping,
      '--out',
      join(dir, 'offline', 'plan'),
      '--source-schema',
      schema,
      '--url',
      'http://127.0.0.1:9',
    );
    expect(offline.code, offline.err).toBe(0);
    const fromManifest = chplan(
      'compile',
      '--mapping',
      mapping,
      '--out',
      join(dir, 'manifest', 'plan'),
      '--source-schema',
      join(dir, 'online', 'plan', 'manifest.json'),
      '--url',
      'http://127.0.0.1:9',
    );
    expect(fromManifest.code, fromManifest.err).toBe(0);
    const read = (sub: string) => readFileSync(join(dir, sub, 'plan', 'manifest.json'), 'utf8');
    expect(read('offline')).toBe(read('online'));
    expect(read('manifest')).toBe(read('online'));

    const other = chplan(
      'compile',
      '--mapping',
      mapping,
      '--out',
      join(dir, 'other'),
      '--source-schema',
      schema,
      '--source',
      'other.events',
    );
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/describes default.eco_cross_page_flow_pt1m_local, but the source is other.events/);
    writeFileSync(join(dir, 'junk.json'), '{"columns": []}');
    expect(
      chplan('compile', '--mapping', mapping, '--out', join(dir, 'junk'), '--source-schema', join(dir, 'junk.json'))
        .err,
    ).toMatch(/neither a source-schema.json .* nor a plan's manifest.json/);
  });
});
