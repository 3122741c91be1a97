import { readdirSync, readFileSync } from 'node:fs';
import type { Engine } from '../../../engine/engine.js';
import { packagePath } from '../../../core/package-path.js';

/**
 * Langfuse's ClickHouse migrations, vendored from langfuse/langfuse at this commit: `unclustered` for one server,
 * `clustered` for a cluster (every statement `ON CLUSTER default`, Replicated engines).
 */
export const LANGFUSE_COMMIT = '62751446149b702b419a9292ddfc2280cdf74b8c';

/** The statements of every `*.up.sql` migration, in Langfuse's order. Pure apart from reading the vendored files. */
export function langfuseMigrations(
  layout: 'unclustered' | 'clustered' = 'unclustered',
): { file: string; statements: string[] }[] {
  const dir = packagePath(`vendor/langfuse/clickhouse/migrations/${layout}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.up.sql'))
    .sort()
    .map((file) => ({
      file,
      statements: readFileSync(`${dir}/${file}`, 'utf8')
        .split(/;\s*(?:\n|$)/)
        .map((s) => s.trim())
        .filter((s) => s.replace(/--.*$/gm, '').trim() !== ''),
    }));
}

/**
 * Creates Langfuse's current schema by applying its migrations in order, as Langfuse does on a
 * fresh install. They name tables without a database, so they land in the connection's
 * default database (`default`), as Langfuse's own do.
 */
export async function applyLangfuseMigrations(
  engine: Engine,
  layout: 'unclustered' | 'clustered' = 'unclustered',
): Promise<number> {
  let applied = 0;
  for (const { file, statements } of langfuseMigrations(layout)) {
    for (const sql of statements) await engine.command(sql, { step: `langfuse migration ${file}` });
    applied++;
  }
  return applied;
}
