import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/engine/connect.js';
import type { Engine } from '../../src/engine/engine.js';
import { loadSettings, type SettingsOverrides } from '../../src/config/load.js';
import type { Settings } from '../../src/config/settings.js';

/** A fresh embedded engine in its own temporary directory (one per test file). */
export async function openTestEngine(): Promise<{ engine: Engine; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'chplan-test-'));
  const engine = await connect({ dataDir: join(dir, 'data'), queryTimeoutSec: 300 });
  return {
    engine,
    dir,
    cleanup: async () => {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Settings for tests: defaults plus overrides, never reading the developer's env or .env. */
export function testSettings(flags: SettingsOverrides = {}): Settings {
  return loadSettings({ flags, env: {}, dotenvFile: '/nonexistent/.env' });
}

export async function scalar(engine: Engine, sql: string): Promise<string> {
  const rows = await engine.rows<Record<string, string>>(sql);
  return Object.values(rows[0] ?? {})[0] ?? '';
}

/** Rows the query `a` gives more often than the query `b` (EXCEPT ALL): 0 when `b` holds every row of `a` as often. */
export async function rowsOnlyIn(engine: Engine, a: string, b: string): Promise<number> {
  return Number(await scalar(engine, `SELECT count() FROM (${a} EXCEPT ALL ${b})`));
}

/** Rows of each table that the other lacks or holds less often, both ways: 0 when the two hold the same rows. */
export async function rowsDiffering(engine: Engine, a: string, b: string): Promise<number> {
  const all = (table: string) => `SELECT * FROM ${table}`;
  return (await rowsOnlyIn(engine, all(a), all(b))) + (await rowsOnlyIn(engine, all(b), all(a)));
}
