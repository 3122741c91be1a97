import type { PgConnection } from '../../../engine/postgres.js';
import { shardedValidation, type ShardedValidation } from '../../../validate/report.js';
import { checkShardCount, type SyncCluster } from '../run/shards.js';
import { validateSync, type ValidationScope } from './validate.js';

/**
 * Validates every shard's tables against its rows in PostgreSQL (a scope per shard, or everything), and the KPI views
 * once on the entry server against PostgreSQL's own answers over whole tables.
 */
export async function validateSyncOnShards(
  cluster: SyncCluster,
  pg: PgConnection,
  scopes: ValidationScope[] | null = null,
): Promise<ShardedValidation> {
  checkShardCount(cluster.entry.plan, cluster.shards.length);
  const full: ValidationScope = { kind: 'full' };
  const reports = [];
  for (const [index, shard] of cluster.shards.entries()) {
    const scope = scopes?.[index] ?? full;
    reports.push({
      shard: shard.name,
      report: await validateSync(shard.engine, shard.plan, pg, scope, { shard: index, kpis: false }),
    });
  }
  const kpiScope = scopes && scopes.every((s) => s.kind === 'window') ? scopes[0]! : full;
  const kpis = await validateSync(cluster.entry.engine, cluster.entry.plan, pg, kpiScope, { tables: false });
  return shardedValidation(reports, kpis.days);
}
