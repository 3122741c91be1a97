import { createCollection, pgFromEnv, type PgConnection } from '../../../engine/postgres.js';
import type { DictionarySource } from './setup.js';

/** The dictionaries' PostgreSQL: a named collection created from the connection (never written to the plan). */
export function dictionarySource(pg: PgConnection, schema = 'public'): DictionarySource {
  return { create: (engine, collection) => createCollection(engine, collection, pg, schema) };
}

/** From PG_URL or PGHOST…, or null when neither is set. */
export function dictionarySourceFromEnv(env: Record<string, string | undefined> = process.env): DictionarySource | null {
  const pg = pgFromEnv(env);
  return pg ? dictionarySource(pg) : null;
}
