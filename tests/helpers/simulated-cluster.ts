import type { Engine, QueryOptions } from '../../src/engine/engine.js';

/**
 * One node of a simulated cluster whose shards are databases of one embedded engine, for running a cluster plan's own
 * statements there (the engine has no Keeper and no remote_servers): `ON CLUSTER` DDL runs on this node only (each
 * simulated shard's run sends it to its own database, as the real cluster sends it to every node), a Replicated
 * engine becomes its unreplicated form (one replica per shard), and a `Distributed` table becomes a `Merge` table
 * over that table in every shard database (`shardDatabases`, a regular expression), which reads what the Distributed
 * table would. Every other statement runs exactly as the plan has it.
 */
export function clusterNode(inner: Engine, shardDatabases: string): Engine {
  const local = (sql: string) =>
    sql
      .replace(/\bON CLUSTER\s+(`[^`]*`|\w+)/g, '')
      .replace(/\bReplicated(\w*MergeTree)\s*\(\s*'[^']*'\s*,\s*'[^']*'\s*(,\s*)?/g, '$1(')
      .replace(
        /\bDistributed\s*\(\s*'[^']*'\s*,\s*'[^']*'\s*,\s*'([^']*)'\s*,[\s\S]*\)\s*$/,
        (_, table: string) => `Merge(REGEXP('${shardDatabases}'), '^${table}$')`,
      );
  return {
    can: inner.can,
    description: inner.description,
    flags: inner.flags,
    rows: <T>(sql: string, options?: QueryOptions) => inner.rows<T>(local(sql), options),
    command: (sql: string, options?: QueryOptions) => inner.command(local(sql), options),
    close: async () => {},
  };
}
