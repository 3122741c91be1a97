import { ConfigError } from '../core/errors.js';
import { pgFromEnv, type PgConnection } from './postgres.js';
import { DEMO_PG_DIR, embeddedClusterExists, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * Runs `fn` with the PostgreSQL the environment names (PG_URL or PGHOST…), or else with the
 * demo's embedded server, started for the call and stopped after it. `create` lets the seeder
 * create the demo's cluster on first use.
 */
export async function withPostgres<T>(
  fn: (pg: PgConnection) => Promise<T>,
  options: { create?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<T> {
  const named = pgFromEnv(options.env ?? process.env);
  if (named) return fn(named);
  if (!options.create && !embeddedClusterExists()) {
    throw new ConfigError(
      `No PostgreSQL is named and the demo's (${DEMO_PG_DIR}/) does not exist yet. Set PG_URL=postgres://user:password@host:5432/db ` +
        '(or PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), or create the demo database with chplan seed --kind adtech. Nothing was run.',
    );
  }
  const server = await startEmbeddedPostgres();
  try {
    return await fn(server.connection);
  } finally {
    await server.stop();
  }
}
