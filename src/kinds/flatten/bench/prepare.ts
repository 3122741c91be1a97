import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../engine/engine.js';
import { DEMO_DAY, type Settings } from '../../../config/settings.js';
import { quoteTable } from '../../../core/quote.js';
import { readPlan, type FlattenPlan } from '../plan/plan.js';
import { seedDay } from '../seed/seed.js';
import { transform } from '../workflows/transform.js';

/** Makes sure the (benchmark-only) source holds exactly `rows` seeded rows of the demo day. */
export async function ensureSeeded(
  engine: Engine,
  settings: Settings,
  rows: number,
  say: (m: string) => void,
): Promise<boolean> {
  const [exists] = await engine.rows<{ n: string }>(
    'SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {t:String}',
    { params: { db: settings.source.database, t: settings.source.name } },
  );
  const present =
    Number(exists?.n) > 0
      ? Number((await engine.rows<{ n: string }>(`SELECT count() AS n FROM ${quoteTable(settings.source)}`))[0]?.n)
      : 0;
  if (present === rows) return false;
  say(`seeding ${rows} rows…`);
  await seedDay(engine, settings, { day: DEMO_DAY, rows, customers: 20, seed: 1, replace: true });
  return true;
}

/** Seeds and loads the demo day into the benchmark engine; returns the plan that loaded it. */
export async function loadedBenchPlan(
  engine: Engine,
  settings: Settings,
  rows: number,
  say: (m: string) => void,
): Promise<FlattenPlan> {
  await ensureSeeded(engine, settings, rows, say);
  const dir = mkdtempSync(join(tmpdir(), 'chplan-bench-'));
  say('loading the flat table…');
  const result = await transform(engine, settings, {
    from: DEMO_DAY,
    mappingOut: join(dir, 'mapping.json'),
    planOut: join(dir, 'plan'),
  });
  if (!result.report.passed) throw new Error('the benchmark data did not validate; see chplan validate');
  return readPlan(result.planDir);
}
