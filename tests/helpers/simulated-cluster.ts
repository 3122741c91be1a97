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
    asMerge(
      sql
        .replace(/\bON CLUSTER\s+(`[^`]*`|\w+)/g, '')
        .replace(/\bReplicated(\w*MergeTree)\s*\(\s*'[^']*'\s*,\s*'[^']*'\s*(,\s*)?/g, '$1(')
        // Langfuse's clustered migrations leave the path and replica to the server's defaults.
        .replace(/\bReplicated(\w*MergeTree)\b/g, '$1'),
    );
  /** `Distributed('c', 'db', 'table'[, key])` → `Merge(REGEXP(shards), '^table$')`, up to its closing paren. */
  const asMerge = (sql: string) => {
    const start = /\bDistributed\s*\(\s*'[^']*'\s*,\s*'[^']*'\s*,\s*'([^']*)'/.exec(sql);
    if (!start) return sql;
    let depth = 0;
    let end = start.index + start[0].length;
    for (; end < sql.length; end++) {
      if (sql[end] === '(') depth++;
      else if (sql[end] === ')' && depth-- === 0) break;
    }
    return `${sql.slice(0, start.index)}Merge(REGEXP('${shardDatabases}'), '^${start[1]}$')${sql.slice(end + 1)}`;
  };
  return {
    can: inner.can,
    description: inner.description,
    flags: inner.flags,
    rows: <T>(sql: string, options?: QueryOptions) => inner.rows<T>(local(sql), options),
    command: (sql: string, options?: QueryOptions) => inner.command(local(sql), options),
    close: async () => {},
  };
}
