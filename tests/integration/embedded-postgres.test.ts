import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { embeddedClusterExists, startEmbeddedPostgres } from '../../src/engine/embedded-postgres.js';
import { tempDir } from '../helpers/temp.js';

const privateDir = tempDir('private');

async function query(connection: pg.ClientConfig, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  // As root the server runs as `postgres`, which cannot enter a 0700 directory such as /root.
  it('keeps a cluster in a private directory across restarts, answers in UTC, and removes it when asked', async () => {
    chmodSync(privateDir, 0o700);
    const dir = join(privateDir, 'pg');
    expect(embeddedClusterExists(dir)).toBe(false);
    const first = await startEmbeddedPostgres({ dir });
    await query(
      first.connection,
      "CREATE TABLE kept AS SELECT 42 AS answer, TIMESTAMPTZ '2024-01-01 00:00:00+02' AS at",
    );
    await first.stop();
    expect(embeddedClusterExists(dir)).toBe(true);

    const second = await startEmbeddedPostgres({ dir, persistent: false });
    expect(await query(second.connection, 'SELECT answer, at::text AS at FROM kept')).toEqual([
      { answer: 42, at: '2023-12-31 22:00:00+00' },
    ]);
    await second.stop();
    expect(embeddedClusterExists(dir)).toBe(false);
    expect(existsSync(join(dir, 'password'))).toBe(true);
  });
});
