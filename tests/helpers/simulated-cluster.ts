import type { Engine, QueryOptions } from '../../src/engine/engine.js';

/**
 * One node of a simulated cluster, for running a cluster plan's own statements on the embedded engine, which has no
 * Keeper and no remote_servers: `ON CLUSTER` DDL runs on this node only (each simulated shard's run sends it to its
 * own node, as the real cluster sends it to every node), a Replicated engine becomes its unreplicated form (one
 * replica per shard), and the Distributed table over the shards is not created (tests read the shards' tables
 * together instead). Every other statement runs exactly as the plan has it.
 */
export function clusterNode(inner: Engine): Engine {
  const local = (sql: string) =>
    sql
      .replace(/\bON CLUSTER\s+(`[^`]*`|\w+)/g, '')
      .replace(/\bReplicated(\w*MergeTree)\s*\(\s*'[^']*'\s*,\s*'[^']*'\s*(,\s*)?/g, '$1(');
  return {
    can: inner.can,
    description: inner.description,
    flags: inner.flags,
    rows: <T>(sql: string, options?: QueryOptions) => inner.rows<T>(local(sql), options),
    command: (sql: string, options?: QueryOptions) =>
      options?.step === 'create_distributed'
        ? Promise.resolve({ readRows: 0, readBytes: 0 })
        : inner.command(local(sql), options),
    close: async () => {},
  };
}
