import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../core/errors.js';
import { packagePath } from '../../../core/package-path.js';
import { describePg, type PgConnection } from '../../../engine/postgres.js';

export interface AdtechSeed {
  advertisers: number;
  campaigns: number;
  impressions: number;
  /** First day of the events, YYYY-MM-DD (UTC). */
  firstDay: string;
  days: number;
  /** Drop the demo's tables first. */
  replace: boolean;
}

export const ADTECH_DEFAULTS: AdtechSeed = {
  advertisers: 40,
  campaigns: 200,
  impressions: 200_000,
  firstDay: '2026-09-01',
  days: 61,
  replace: false,
};

/** The fill script with its parameters written in: each is a checked integer or date, never free text. Pure. */
export function fillScript(seed: AdtechSeed): string {
  const ints = [seed.advertisers, seed.campaigns, seed.impressions, seed.days];
  if (ints.some((n) => !Number.isSafeInteger(n) || n < 1))
    throw new ConfigError('advertisers, campaigns, impressions and days must be positive integers.');
  if (seed.impressions > 200_000_000)
    throw new ConfigError(`--impressions ${seed.impressions} is more than the demo generates (200,000,000).`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(seed.firstDay) || Number.isNaN(Date.parse(seed.firstDay)))
    throw new ConfigError(`first day ${JSON.stringify(seed.firstDay)} is not a date YYYY-MM-DD.`);
  const values: Record<string, string> = {
    $1: String(seed.advertisers),
    $2: String(seed.campaigns),
    $3: String(seed.impressions),
    $4: `'${seed.firstDay}'`,
    $5: String(seed.days),
  };
  return readFileSync(packagePath('templates/sync/postgres/adtech_fill.sql'), 'utf8').replace(
    /\$[1-5]\b/g,
    (p) => values[p]!,
  );
}

async function client(pg: PgConnection) {
  const { default: pgModule } = await import('pg');
  const c = new pgModule.Client({
    host: pg.host,
    port: pg.port,
    user: pg.user,
    password: pg.password,
    database: pg.database,
  });
  try {
    await c.connect();
  } catch (cause) {
    throw new ConfigError(
      `Could not connect to PostgreSQL at ${describePg(pg)}: ${(cause as Error).message}. Nothing was seeded.`,
    );
  }
  return c;
}

/**
 * Creates the ad platform's tables in PostgreSQL (keys, foreign keys, indexes, update triggers)
 * and fills them inside PostgreSQL: skewed campaigns, clicks that follow impressions, late rows,
 * updated campaigns and advertisers. Refuses to add to tables that already hold rows unless `replace`.
 */
export async function seedAdtech(
  pg: PgConnection,
  seed: AdtechSeed,
): Promise<{ rows: Record<string, number>; seconds: number }> {
  const started = Date.now();
  const fill = fillScript(seed);
  const c = await client(pg);
  try {
    if (seed.replace) await c.query('DROP TABLE IF EXISTS clicks, impressions, campaign, advertiser CASCADE');
    await c.query(readFileSync(packagePath('templates/sync/postgres/adtech_schema.sql'), 'utf8'));
    const existing = Number((await c.query('SELECT count(*) AS n FROM advertiser')).rows[0].n);
    if (existing > 0)
      throw new ConfigError(
        `PostgreSQL at ${describePg(pg)} already holds the demo's tables with data; nothing was added. Pass --replace to drop and recreate them.`,
      );
    await c.query('BEGIN');
    await c.query(fill);
    await c.query('COMMIT');
    const rows: Record<string, number> = {};
    for (const table of ['advertiser', 'campaign', 'impressions', 'clicks'])
      rows[table] = Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    return { rows, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await c.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await c.end();
  }
}
