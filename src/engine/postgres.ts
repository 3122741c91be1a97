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
  return { host: env.PGHOST, port: portOf(env.PGPORT ?? '5432', 'PGPORT'), user, password: env.PGPASSWORD ?? '', database: env.PGDATABASE ?? user };
}

function portOf(text: string, what: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`${what} ${JSON.stringify(text)} is not a TCP port (1–65535). Nothing was run.`);
  return port;
}

/** Parses a postgres:// URL; the error never repeats the URL, which may hold a password. Pure. */
export function parsePgUrl(text: string): PgConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('PG_URL is not a URL. Write it as postgres://user:password@host:5432/database (percent-encode special characters in the password). Nothing was run.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`PG_URL must start with postgres:// or postgresql://, not ${url.protocol}//. Nothing was run.`);
  }
  if (!url.hostname) throw new ConfigError('PG_URL names no host: write it as postgres://user:password@host:5432/database. Nothing was run.');
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
  if (!pg.password) return text;
  const forms = [pg.password, quoteString(pg.password).slice(1, -1), encodeURIComponent(pg.password)];
  return forms.filter((f) => f.length > 0).reduce((out, form) => out.split(form).join('***'), text);
}

/**
 * Creates (or re-creates) the named collection the plan's statements read PostgreSQL through.
 * Its DDL holds the password, so it is built here at run time and never written to a plan.
 */
export async function createCollection(engine: Engine, name: string, pg: PgConnection, schema: string): Promise<void> {
  const ddl = `CREATE NAMED COLLECTION ${quoteIdent(name)} AS host = ${quoteString(pg.host)}, port = ${pg.port}, user = ${quoteString(pg.user)}, ` +
    `password = ${quoteString(pg.password)}, database = ${quoteString(pg.database)}, schema = ${quoteString(schema)}`;
  try {
    await engine.command(`DROP NAMED COLLECTION IF EXISTS ${quoteIdent(name)}`, { step: 'pg_collection' });
    await engine.command(ddl, { step: 'pg_collection' });
  } catch (cause) {
    throw new ConnectionError(`Could not create the named collection ${name} on ${engine.description}: ${redact(String((cause as Error).message ?? cause), pg).split('\n')[0]}. Nothing was loaded. The user chplan connects as needs the NAMED COLLECTION CONTROL grant.`);
  }
}

export async function dropCollection(engine: Engine, name: string): Promise<void> {
  await engine.command(`DROP NAMED COLLECTION IF EXISTS ${quoteIdent(name)}`, { step: 'pg_collection' });
}

/**
 * Runs a query on PostgreSQL through the collection (ClickHouse's postgresql() table function)
 * and turns connection failures into one-paragraph errors that name no password.
 */
export async function pgRows<T>(engine: Engine, collection: string, pg: PgConnection, query: string, step = 'pg_query'): Promise<T[]> {
  try {
    return await engine.rows<T>(`SELECT * FROM postgresql(${quoteIdent(collection)}, query = ${quoteString(query)})`, { step });
  } catch (cause) {
    throw explainPgFailure(cause, pg);
  }
}

/** A clearer error for a failure that PostgreSQL caused (unreachable, refused login), else the error without the password. */
export function explainPgFailure(cause: unknown, pg: PgConnection): Error {
  const message = redact(String((cause as Error)?.message ?? cause), pg);
  const where = describePg(pg);
  if (/password authentication failed|authentication failed|no password supplied|role .* does not exist/i.test(message)) {
    return new ConnectionError(`PostgreSQL at ${where} refused the login (wrong user or password). Nothing was loaded and nothing was changed. Check PG_URL or PGUSER/PGPASSWORD.`, { cause: new Error(message) });
  }
  if (/Connection refused|could not connect|Connection to .* failed|timeout expired|could not translate host name|Name or service not known/i.test(message)) {
    return new ConnectionError(`PostgreSQL at ${where} is unreachable (${message.split('\n')[0]!.slice(0, 200)}). Nothing was loaded and nothing was changed. Check that the server runs and PG_URL or PGHOST/PGPORT point at it; for the demo, run chplan seed --kind adtech first.`, { cause: new Error(message) });
  }
  if (/database .* does not exist/i.test(message)) {
    return new ConnectionError(`PostgreSQL at ${where}: the database does not exist. Nothing was loaded. Check the database in PG_URL or PGDATABASE.`, { cause: new Error(message) });
  }
  const error = cause instanceof Error ? cause : new Error(message);
  error.message = message;
  return error;
}
