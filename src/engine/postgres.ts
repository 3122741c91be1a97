import { randomBytes } from 'node:crypto';
import { ConfigError, ConnectionError } from '../core/errors.js';
import { quoteIdent, quoteString } from '../core/quote.js';
import type { Engine } from './engine.js';

/** Where PostgreSQL is; the password never enters a plan, a statement chplan prints, or a log line. */
export interface PgConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** `user@host:port/db`, for messages: never the password. */
export function describePg(pg: PgConnection): string {
  return `${pg.user}@${pg.host}:${pg.port}/${pg.database}`;
}

/**
 * The connection the environment names: `PG_URL` (postgres://user:password@host:port/db), else
 * libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE; null when neither is set. Pure.
 */
export function pgFromEnv(env: Record<string, string | undefined>): PgConnection | null {
  if (env.PG_URL) return parsePgUrl(env.PG_URL);
  if (!env.PGHOST) return null;
  const user = env.PGUSER ?? 'postgres';
  return {
    host: env.PGHOST,
    port: portOf(env.PGPORT ?? '5432', 'PGPORT'),
    user,
    password: env.PGPASSWORD ?? '',
    database: env.PGDATABASE ?? user,
  };
}

function portOf(text: string, what: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(`${what} ${JSON.stringify(text)} is not a TCP port (1–65535). Nothing was run.`);
  return port;
}

/** Parses a postgres:// URL; the error never repeats the URL, which may hold a password. Pure. */
export function parsePgUrl(text: string): PgConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      'PG_URL is not a URL. Write it as postgres://user:password@host:5432/database (percent-encode special characters in the password). Nothing was run.',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `PG_URL must start with postgres:// or postgresql://, not ${url.protocol}//. Nothing was run.`,
    );
  }
  if (!url.hostname)
    throw new ConfigError(
      'PG_URL names no host: write it as postgres://user:password@host:5432/database. Nothing was run.',
    );
  const user = decodeURIComponent(url.username) || 'postgres';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? portOf(url.port, 'The port of PG_URL') : 5432,
    user,
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || user,
  };
}

/** Text with every trace of the password replaced, for errors that quote a statement. Pure. */
export function redact(text: string, pg: PgConnection): string {
  return redactSecret(text, pg.password);
}

/** Text with every form of a secret (as written, quoted in SQL, percent-encoded) replaced. Pure. */
export function redactSecret(text: string, secret: string): string {
  if (!secret) return text;
  const forms = [secret, quoteString(secret).slice(1, -1), encodeURIComponent(secret)];
  return forms.filter((f) => f.length > 0).reduce((out, form) => out.split(form).join('***'), text);
}

/**
 * Creates (or re-creates) a named collection from `fields`. Its DDL may hold a secret, so it is
 * built here at run time, never written to a plan, and the secret is redacted from its errors.
 */
export async function createNamedCollection(
  engine: Engine,
  name: string,
  fields: Record<string, string | number>,
  options: { secret: string; consequence: string; cluster?: string | null },
): Promise<void> {
  const values = Object.entries(fields).map(
    ([key, value]) => `${key} = ${typeof value === 'number' ? value : quoteString(value)}`,
  );
  // On a cluster, on every node: the tables that read it (Kafka, dictionaries) are on every node.
  const onCluster = options.cluster ? ` ON CLUSTER ${quoteIdent(options.cluster)}` : '';
  try {
    await dropCollection(engine, name, options.cluster);
    await engine.command(`CREATE NAMED COLLECTION ${quoteIdent(name)}${onCluster} AS ${values.join(', ')}`, {
      step: 'named_collection',
    });
  } catch (cause) {
    throw new ConnectionError(
      `Could not create the named collection ${name} on ${engine.description}: ${redactSecret(String((cause as Error).message ?? cause), options.secret).split('\n')[0]}. ${options.consequence} The user chplan connects as needs the NAMED COLLECTION CONTROL grant.`,
    );
  }
}

/**
 * A named collection for one run: where PostgreSQL is, and who connects, but never the password,
 * which each statement passes as a query parameter (pgParams). The engine keeps collections on
 * disk (chDB under <data-dir>/named_collections/), so what it keeps holds no secret, even after a
 * kill; the random suffix keeps concurrent runs from dropping each other's. Dictionaries, which
 * reload on their own, are the exception (`password: true`).
 */
export async function createCollection(
  engine: Engine,
  base: string,
  pg: PgConnection,
  schema: string,
  options: { password?: boolean; cluster?: string | null } = {},
): Promise<string> {
  const name = options.password ? base : `${base}_${randomBytes(4).toString('hex')}`;
  const fields = {
    host: pg.host,
    port: pg.port,
    user: pg.user,
    database: pg.database,
    schema,
    ...(options.password ? { password: pg.password } : {}),
  };
  await createNamedCollection(engine, name, fields, {
    secret: pg.password,
    consequence: 'Nothing was loaded.',
    cluster: options.cluster,
  });
  return name;
}

/** Runs `work` with a run's collection (createCollection), dropped however it ends. */
export async function withCollection<T>(
  engine: Engine,
  base: string,
  pg: PgConnection,
  schema: string,
  work: (collection: string) => Promise<T>,
): Promise<T> {
  const collection = await createCollection(engine, base, pg, schema);
  try {
    return await work(collection);
  } finally {
    await dropCollection(engine, collection).catch(() => {});
  }
}

/** The parameters every statement that reads PostgreSQL through a collection takes. */
export function pgParams(collection: string, pg: PgConnection): { pg_collection: string; pg_password: string } {
  return { pg_collection: collection, pg_password: pg.password };
}

/** Text for `FROM`: PostgreSQL through the collection and password of pgParams, with `args` (table = …, query = …). */
export function pgSource(args: string): string {
  return `postgresql({pg_collection:Identifier}, password = {pg_password:String}, ${args})`;
}

/** Removes the password from a collection that must stay (dictionaries name it), so the engine keeps none on disk. */
export async function forgetPassword(engine: Engine, name: string): Promise<void> {
  await engine.command(`ALTER NAMED COLLECTION IF EXISTS ${quoteIdent(name)} DELETE password`, {
    step: 'named_collection',
  });
}

/** Drops a named collection, on every node of `cluster` when one is named. */
export async function dropCollection(engine: Engine, name: string, cluster: string | null = null): Promise<void> {
  const onCluster = cluster ? ` ON CLUSTER ${quoteIdent(cluster)}` : '';
  await engine.command(`DROP NAMED COLLECTION IF EXISTS ${quoteIdent(name)}${onCluster}`, { step: 'named_collection' });
}

/** Runs `work` (which reads PostgreSQL through ClickHouse), turning its failures into errors that name no password. */
export async function throughPg<T>(pg: PgConnection, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    throw explainPgFailure(cause, pg);
  }
}

/** Runs a query on PostgreSQL through the collection (ClickHouse's postgresql() table function). */
export function pgRows<T>(
  engine: Engine,
  collection: string,
  pg: PgConnection,
  query: string,
  step = 'pg_query',
): Promise<T[]> {
  return throughPg(pg, () =>
    engine.rows<T>(`SELECT * FROM ${pgSource(`query = ${quoteString(query)}`)}`, {
      step,
      params: pgParams(collection, pg),
    }),
  );
}

/** A PostgreSQL string literal. Pure. */
export function pgString(value: string): string {
  if (value.includes('\0'))
    throw new ConfigError('A PostgreSQL name or value contains a NUL character, which PostgreSQL cannot store.');
  return `'${value.replace(/'/g, "''")}'`;
}

/** A PostgreSQL identifier, always quoted. Pure. */
export function pgIdent(name: string): string {
  if (name.includes('\0')) throw new ConfigError('A PostgreSQL identifier contains a NUL character.');
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A clearer error for a failure that PostgreSQL caused (unreachable, refused login), else the error without the
 * password.
 */
export function explainPgFailure(cause: unknown, pg: PgConnection): Error {
  const message = redact(String((cause as Error)?.message ?? cause), pg);
  const where = describePg(pg);
  if (
    /password authentication failed|authentication failed|no password supplied|role .* does not exist/i.test(message)
  ) {
    return new ConnectionError(
      `PostgreSQL at ${where} refused the login (wrong user or password). Nothing was loaded and nothing was changed. Check PG_URL or PGUSER/PGPASSWORD.`,
      { cause: new Error(message) },
    );
  }
  if (
    /Connection refused|could not connect|Connection to .* failed|timeout expired|could not translate host name|Name or service not known/i.test(
      message,
    )
  ) {
    return new ConnectionError(
      `PostgreSQL at ${where} is unreachable (${message.split('\n')[0]!.slice(0, 200)}). Nothing was loaded and nothing was changed. Check that the server runs and PG_URL or PGHOST/PGPORT point at it; for the demo, run chplan seed --kind adtech first.`,
      { cause: new Error(message) },
    );
  }
  if (/database .* does not exist/i.test(message)) {
    return new ConnectionError(
      `PostgreSQL at ${where}: the database does not exist. Nothing was loaded. Check the database in PG_URL or PGDATABASE.`,
      { cause: new Error(message) },
    );
  }
  const error = cause instanceof Error ? cause : new Error(message);
  error.message = message;
  return error;
}
