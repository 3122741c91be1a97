import type { Engine } from '../../../engine/engine.js';
import { connect } from '../../../engine/connect.js';
import type { EngineOptions } from '../../../engine/engine.js';
import { ConfigError } from '../../../core/errors.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { type FlattenPlan } from '../plan/plan.js';
import { dayWindow, windowParams } from '../../../core/windows.js';
import type { Shard, SplitGroupCounter } from './shards.js';

/**
 * The shards of the plan's cluster, from `system.clusters` on the server `--url` names:
 * one connection per shard (its first replica), same scheme, port and credentials.
 */
export async function connectShards(entry: Engine, options: EngineOptions, plan: FlattenPlan): Promise<Shard[]> {
  const cluster = plan.manifest.cluster;
  if (!cluster || !options.url)
    throw new ConfigError('A cluster plan runs against a server: pass --url (or CLICKHOUSE_URL).');
  const rows = await entry.rows<{ shard_num: string; host: string }>(
    'SELECT toString(shard_num) AS shard_num, argMin(host_name, replica_num) AS host FROM system.clusters WHERE cluster = {cluster:String} GROUP BY shard_num ORDER BY toUInt32(shard_num)',
    { params: { cluster }, step: 'cluster shards' },
  );
  if (rows.length === 0)
    throw new ConfigError(
      `Cluster ${cluster} is not defined on ${entry.description} (system.clusters has no such cluster).`,
    );
  const shards: Shard[] = [];
  for (const row of rows) {
    const url = new URL(options.url);
    url.hostname = row.host;
    shards.push({
      name: `shard ${row.shard_num} (${row.host})`,
      engine: await connect({ ...options, url: url.toString() }),
      plan,
    });
  }
  return shards;
}

/** The plan's own sharding check, run once through the cluster() table function. */
export function clusterSplitGroups(entry: Engine, plan: FlattenPlan): SplitGroupCounter {
  return async (day) => {
    const window = dayWindow(day, plan.manifest.timeZone);
    const [row] = await entry.rows<{ split_groups: string }>(statementOf(plan, 'check_sharding'), {
      params: windowParams(window),
      step: 'sharding check',
    });
    return Number(row?.split_groups ?? 0);
  };
}
