import { connect } from './connect.js';
import type { Engine } from './engine.js';
import { engineOptions, withEngine } from './with-engine.js';
import { ConfigError } from '../core/errors.js';
import type { EngineSettings } from '../config/settings.js';

/** One shard of a cluster: the connection a run of that shard uses. */
export interface ShardConnection {
  /** `shard 2 (ch-2a)`, as reports name it. */
  name: string;
  engine: Engine;
}

/** A row of `system.clusters` per shard: its number, its first replica's host, whether the queried server is in it. */
export interface ClusterShardRow {
  shard_num: string;
  host: string;
  local: string;
}

/**
 * Where each shard runs, from `system.clusters` as the server `--url` names sees it: the shard that server is a
 * replica of on that very connection (`null`: its parts replicate from there), every other shard on its first
 * replica, with `--url`'s scheme, port and credentials. Pure.
 */
export function shardTargets(rows: ClusterShardRow[], url: string): { name: string; url: string | null }[] {
  return rows.map((row) => {
    if (row.local === '1') return { name: `shard ${row.shard_num} (this server)`, url: null };
    const target = new URL(url);
    target.hostname = row.host;
    return { name: `shard ${row.shard_num} (${row.host})`, url: target.toString() };
  });
}

/** The shards of `cluster`, each with the connection a run of it uses (shardTargets). */
async function connectShards(entry: Engine, settings: EngineSettings, cluster: string): Promise<ShardConnection[]> {
  const options = engineOptions(settings);
  if (!options.url)
    throw new ConfigError(
      'A cluster plan runs against a server of its cluster: pass --url (or CLICKHOUSE_URL) of one of its nodes. Nothing was run.',
    );
  const rows = await entry.rows<ClusterShardRow>(
    `SELECT toString(shard_num) AS shard_num, argMin(host_name, replica_num) AS host, toString(max(is_local)) AS local
     FROM system.clusters WHERE cluster = {cluster:String} GROUP BY shard_num ORDER BY toUInt32(shard_num)`,
    { params: { cluster }, step: 'cluster shards' },
  );
  if (rows.length === 0)
    throw new ConfigError(
      `Cluster ${cluster} is not defined on ${entry.description} (system.clusters has no such cluster). Nothing was run. Check the cluster's name in the plan (--cluster) against the server's remote_servers.`,
    );
  const shards: ShardConnection[] = [];
  try {
    for (const target of shardTargets(rows, options.url))
      shards.push({
        name: target.name,
        engine: target.url === null ? entry : await connect({ ...options, url: target.url }),
      });
  } catch (error) {
    // A shard that cannot be reached: the connections already open are closed, and nothing ran.
    await closeShards(entry, shards);
    throw error;
  }
  return shards;
}

/** Closes the shards' own connections (the entry server's stays open for its owner). */
function closeShards(entry: Engine, shards: ShardConnection[]): Promise<void[]> {
  return Promise.all(shards.filter((s) => s.engine !== entry).map((s) => s.engine.close()));
}

/**
 * For a cluster plan: the server `--url` names (for queries over the whole cluster) and one connection per shard, all
 * closed after `fn`.
 */
export async function withShards<T>(
  settings: EngineSettings,
  cluster: string,
  fn: (entry: Engine, shards: ShardConnection[]) => Promise<T>,
): Promise<T> {
  return withEngine(settings, async (entry) => {
    const shards = await connectShards(entry, settings, cluster);
    try {
      return await fn(entry, shards);
    } finally {
      await closeShards(entry, shards);
    }
  });
}
