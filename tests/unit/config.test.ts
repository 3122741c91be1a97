import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/load.js';
import { parseMapping } from '../../src/kinds/flatten/mapping/mapping-file.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('config');
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const noEnv = { env: {}, dotenvFile: '/nonexistent' };

describe('configuration', () => {
  it("uses the brief's defaults", () => {
    const s = loadSettings(noEnv);
    expect(s.source).toEqual({ database: 'default', name: 'eco_cross_page_flow_pt1m_local' });
    expect(s.target).toEqual({ database: 'default', name: 'eco_cross_page_preagg_pt1m' });
    expect(s.groupKeys).toEqual(['clientId', 'sessionId']);
    expect(s.intType).toBe('Int32');
  });

  it('refuses a chunk that does not divide a day, naming the field', () => {
    expect(() => loadSettings({ ...noEnv, configFile: file('chunk.json', JSON.stringify({ chunk: '7m' })) })).toThrow(
      /chunk "7m" is not a chunk size; use day, hour or minutes that divide a day/,
    );
  });

  it('applies flags over env over file', () => {
    const config = file('ok.json', JSON.stringify({ target: 'f.t', chunk: 'hour', intType: 'Int64' }));
    const s = loadSettings({
      configFile: config,
      env: { CHPLAN_TARGET: 'e.t' },
      dotenvFile: '/nonexistent',
      flags: { intType: 'UInt32' },
    });
    expect(s.target).toEqual({ database: 'e', name: 't' });
    expect(s.chunk).toBe('hour');
    expect(s.intType).toBe('UInt32');
  });

  it('merges insert settings from the file and the flags, and refuses bad names', () => {
    const config = file('settings.json', JSON.stringify({ insertSettings: { max_threads: 4, max_insert_threads: 1 } }));
    const s = loadSettings({
      ...noEnv,
      configFile: config,
      flags: { insertSettings: { max_insert_threads: 2, max_bytes_before_external_group_by: 2e9 } },
    });
    expect(s.insertSettings).toEqual({
      max_threads: 4,
      max_insert_threads: 2,
      max_bytes_before_external_group_by: 2e9,
    });
    expect(() => loadSettings({ ...noEnv, flags: { insertSettings: { 'max_threads = 1, readonly': 1 } } })).toThrow(
      /not a ClickHouse setting name/,
    );
    expect(() =>
      loadSettings({ ...noEnv, configFile: file('badset.json', JSON.stringify({ insertSettings: { 'a b': 1 } })) }),
    ).toThrow(/insertSettings/);
  });

  it('refuses the insert setting that would change what the ANY join of the chunk insert computes', () => {
    for (const value of [1, 'true'])
      expect(() =>
        loadSettings({ ...noEnv, flags: { insertSettings: { any_join_distinct_right_table_keys: value } } }),
      ).toThrow(/any_join_distinct_right_table_keys=.* is refused: .* ANY join, which needs 0/);
    expect(
      loadSettings({ ...noEnv, flags: { insertSettings: { any_join_distinct_right_table_keys: 0 } } }).insertSettings,
    ).toEqual({ any_join_distinct_right_table_keys: 0 });
  });

  it('names the bad field of a config file', () => {
    expect(() =>
      loadSettings({ ...noEnv, configFile: file('bad.json', JSON.stringify({ chunk: 'week', groupKeys: [] })) }),
    ).toThrow(/\/groupKeys must NOT have fewer than 1 items\n  \/chunk must match pattern/);
    expect(() => loadSettings({ ...noEnv, configFile: file('extra.json', '{"sourc": "a.b"}') })).toThrow(
      /unknown field "sourc"/,
    );
    expect(() => loadSettings({ ...noEnv, configFile: file('broken.json', '{"source": ') })).toThrow(/not valid JSON/);
    expect(() => loadSettings({ ...noEnv, configFile: join(dir, 'missing.json') })).toThrow(/does not exist/);
  });

  it('refuses a target equal to the source and bad types', () => {
    expect(() => loadSettings({ ...noEnv, flags: { source: 'a.b', target: 'a.b' } })).toThrow(/same table/);
    expect(() => loadSettings({ ...noEnv, flags: { intType: 'Int8' } })).toThrow(/intType "Int8"/);
    expect(() => loadSettings({ ...noEnv, flags: { source: 'a.b.c' } })).toThrow(/not a table name/);
  });

  it('rejects malformed and inconsistent mappings with the field', () => {
    expect(() => parseMapping('{', 'm.json')).toThrow(/m.json is not valid JSON/);
    expect(() => parseMapping('{"formatVersion": 1}', 'm.json')).toThrow(/missing required field "version"/);
    const valid = {
      formatVersion: 1,
      version: 1,
      parent: null,
      source: 'a.b',
      discovered: { from: '2025-10-08', to: '2025-10-08', timeZone: 'UTC', rows: 1 },
      float: [],
      free: { int: [], float: [] },
    };
    const entry = (key: string, column: string) => ({ key, column, maps: ['m'], rows: 1 });
    expect(() => parseMapping(JSON.stringify({ ...valid, int: [entry('a', 'float1')] }), 'm.json')).toThrow(
      /\/int\/0\/column must match pattern/,
    );
    expect(() =>
      parseMapping(JSON.stringify({ ...valid, int: [entry('a', 'int1'), entry('b', 'int1')] }), 'm.json'),
    ).toThrow(/int1 is assigned twice/);
    expect(parseMapping(JSON.stringify({ ...valid, int: [entry('a', 'int1')] }), 'm.json').int).toHaveLength(1);
  });
});
