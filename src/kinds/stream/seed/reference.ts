import { readFileSync } from 'node:fs';
import { packagePath } from '../../../core/package-path.js';
import { quoteIdent, quoteTable } from '../../../core/quote.js';
import type { Engine } from '../../../engine/engine.js';
import { pgIdent, pgRows, describePg, type PgConnection } from '../../../engine/postgres.js';
import type { Check } from '../../../validate/report.js';
import { chainTables } from '../plan/chain-tables.js';
import type { StreamPlan } from '../plan/plan.js';
import { ConfigError } from '../../../core/errors.js';

/** The experiments' reference tables in PostgreSQL (what the dictionaries read), created if missing. */
export async function seedReferenceTables(pg: PgConnection): Promise<void> {
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ ...pg });
  try {
    await client.connect();
  } catch (cause) {
    throw new ConfigError(`Could not connect to PostgreSQL at ${describePg(pg)}: ${(cause as Error).message}.`);
  }
  try {
    await client.query(readFileSync(packagePath('templates/stream/postgres/experiments_reference.sql'), 'utf8'));
  } finally {
    await client.end();
  }
}

/** Each dictionary holds exactly its PostgreSQL table's rows (keys and attributes), read through ClickHouse. */
export async function dictionaryChecks(engine: Engine, plan: StreamPlan, pg: PgConnection): Promise<Check[]> {
  const m = plan.manifest;
  const checks: Check[] = [];
  for (const d of m.spec.dictionaries) {
    const keys = d.key.map((k) => k.name);
    const columns = [...keys, ...d.attributes.map((a) => a.name)];
    // Both sides ordered by the keys' text, byte by byte (ClickHouse orders UUIDs otherwise, PostgreSQL by collation).
    const mine = await engine.rows<Record<string, unknown>>(
      `SELECT ${columns.map((c) => `toString(${quoteIdent(c)}) AS ${quoteIdent(c)}`).join(', ')} FROM ${quoteTable(chainTables(m.spec).table(d.name))} ORDER BY ${keys.map((k) => `toString(${quoteIdent(k)})`).join(', ')}`,
    );
    const theirs = await pgRows<Record<string, unknown>>(
      engine,
      m.collections.postgres,
      pg,
      `SELECT ${columns.map((c) => `${pgIdent(c)}::text AS ${pgIdent(c)}`).join(', ')} FROM ${pgIdent(d.table)} ORDER BY ${keys.map((k) => `${pgIdent(k)}::text COLLATE "C"`).join(', ')}`,
    );
    const same =
      JSON.stringify(mine) ===
      JSON.stringify(
        theirs.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] === 't' ? '1' : r[c] === 'f' ? '0' : r[c]]))),
      );
    checks.push({
      name: `${d.name} = PostgreSQL's ${d.table}`,
      status: same ? 'pass' : 'fail',
      detail: same
        ? `${mine.length} entries, every attribute equal`
        : `${mine.length} entries in the dictionary, ${theirs.length} rows in PostgreSQL, or attributes differ`,
    });
  }
  return checks;
}
