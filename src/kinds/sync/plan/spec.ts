import { readFileSync } from 'node:fs';
import { readSpecFile } from '../../../config/spec-file.js';
import type { TableRef } from '../../../config/settings.js';
import { tableOrThrow } from '../../../config/load.js';
import { schemaErrors } from '../../../config/validate-json.js';
import { tableReferences } from '../../../core/table-references.js';
import { fragmentProblem } from '../../../core/sql-fragment.js';
import { ConfigError } from '../../../core/errors.js';
import { clusterFlag } from '../../../config/cli-options.js';
import { packagePath } from '../../../core/package-path.js';

const SCHEMA = JSON.parse(readFileSync(packagePath('schemas/sync.schema.json'), 'utf8')) as object;

/** The demo: the seeds' ad platform, advertisers and campaigns as dimensions, impressions and clicks as facts. */
export const DEFAULT_SPEC_PATH = 'examples/adtech-sync.json';

export type TableRole = 'dimension' | 'fact';

export interface SyncTableSpec {
  source: string;
  target: string;
  role: TableRole;
  primaryKey: string[];
  cursor: string;
  /**
   * Which rows a load reads: `cursor`, those whose cursor is in the window; `transactions`, also every row written by a
   * transaction committed since the previous load's snapshot of PostgreSQL, whatever its cursor says.
   */
  capture: 'cursor' | 'transactions';
  /** On a cluster: split across the shards by a hash of the primary key (else loaded whole on every shard). */
  sharded: boolean;
  /** Facts: the column whose month partitions the target. */
  partitionBy: string;
  orderBy: string[];
}

export interface KpiSpec {
  name: string;
  description: string;
  key: string[];
  clickhouse: string;
  postgres: string;
}

/** A sync spec with every default filled in. */
export interface SyncSpec {
  kind: 'sync';
  name: string;
  database: string;
  ledger: TableRef;
  source: { schema: string; collection: string };
  lookbackSeconds: number;
  tables: SyncTableSpec[];
  kpis: KpiSpec[];
  /** The ClickHouse cluster of the targets and its number of shards, or null for one server. */
  cluster: { name: string; shards: number } | null;
}

type RawTable = Partial<SyncTableSpec> & Pick<SyncTableSpec, 'source' | 'role' | 'primaryKey' | 'cursor'>;

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/**
 * A sync spec from a JSON file, checked against schemas/sync.schema.json and for names used
 * twice. Says which field is wrong and what to do; nothing has run when it throws.
 */
export function loadSyncSpec(path: string): SyncSpec {
  return syncSpecOf(readSpecFile(path, `The demo's spec is ${DEFAULT_SPEC_PATH}.`), path);
}

/** The same checks on a parsed spec (also for specs built in code). Pure. */
export function syncSpecOf(raw: Record<string, unknown>, path = 'spec'): SyncSpec {
  const errors = schemaErrors(SCHEMA, raw);
  if (errors.length > 0) {
    throw new ConfigError(
      `The sync spec ${path} is invalid; nothing was compiled:\n  ${errors.join('\n  ')}\nSee schemas/sync.schema.json.`,
    );
  }
  const name = raw.name as string;
  const database = (raw.database as string | undefined) ?? 'analytics';
  const source = (raw.source ?? {}) as { schema?: string; collection?: string };
  const tables = (raw.tables as RawTable[]).map((t): SyncTableSpec => ({
    source: t.source,
    target: t.target ?? `${t.role === 'dimension' ? 'dim' : 'fact'}_${t.source}`,
    role: t.role,
    primaryKey: t.primaryKey,
    cursor: t.cursor,
    capture: t.capture ?? 'cursor',
    sharded: t.sharded ?? t.role === 'fact',
    partitionBy: t.partitionBy ?? t.cursor,
    orderBy: t.orderBy ?? t.primaryKey,
  }));
  const kpis = ((raw.kpis ?? []) as Partial<KpiSpec>[]).map((k) => ({ description: '', ...k }) as KpiSpec);
  const problems: string[] = [];
  for (const [what, names] of [
    ['source table', tables.map((t) => t.source)],
    ['target table', tables.map((t) => t.target)],
    ['KPI', kpis.map((k) => k.name)],
  ] as const) {
    for (const name of duplicates(names)) problems.push(`${what} ${name} is named twice`);
  }
  for (const kpi of kpis) {
    for (const dialect of ['clickhouse', 'postgres'] as const) {
      const problem = fragmentProblem(kpi[dialect], 'select', dialect);
      if (problem) problems.push(`KPI ${kpi.name}: its ${dialect} SQL: ${problem}`);
    }
    if (tables.some((t) => t.target === kpi.name)) problems.push(`KPI ${kpi.name} has the name of a target table`);
    for (const ref of tableReferences(kpi.clickhouse).concat(tableReferences(kpi.postgres))) {
      if (ref.window)
        problems.push(
          `KPI ${kpi.name} refers to {{${ref.name}:window}}: a KPI covers whole tables, so it takes no window`,
        );
      else if (!tables.some((t) => t.source === ref.name))
        problems.push(
          `KPI ${kpi.name} refers to {{${ref.name}}}, which is not a source table of this spec (${tables.map((t) => t.source).join(', ')})`,
        );
    }
  }
  for (const t of raw.tables as RawTable[]) {
    if (t.role === 'dimension' && (t.orderBy || t.partitionBy)) {
      problems.push(
        `table ${t.source} is a dimension: it is keyed by its primary key and not partitioned, so orderBy and partitionBy do not apply`,
      );
    }
  }
  if (problems.length > 0)
    throw new ConfigError(`The sync spec ${path} is inconsistent; nothing was compiled:\n  ${problems.join('\n  ')}`);
  return {
    kind: 'sync',
    name,
    database,
    ledger: raw.ledger ? tableOrThrow('ledger', raw.ledger as string) : { database, name: 'chplan_ledger' },
    source: { schema: source.schema ?? 'public', collection: source.collection ?? `chplan_pg_${name}` },
    lookbackSeconds: (raw.lookbackSeconds as number | undefined) ?? 300,
    tables,
    kpis,
    cluster: (raw.cluster as SyncSpec['cluster'] | undefined) ?? null,
  };
}

/**
 * The spec with `--cluster NAME` and `--shards N` on top: a cluster needs its number of shards (a row's shard is its
 * key's hash modulo that number), from the flag or the spec.
 */
export function withClusterFlags(spec: SyncSpec, flags: { cluster?: string; shards?: number }): SyncSpec {
  if (flags.cluster === undefined && flags.shards === undefined) return spec;
  const name = flags.cluster ?? spec.cluster?.name;
  const shards = flags.shards ?? spec.cluster?.shards;
  if (name === undefined || shards === undefined || !Number.isInteger(shards) || shards < 1 || shards > 1024)
    throw new ConfigError(
      `A sync on a cluster needs the cluster's name and its number of shards (1–1024): pass --cluster NAME --shards N, or set "cluster": { "name": …, "shards": … } in the spec. Nothing was compiled.`,
    );
  return { ...spec, cluster: { name: clusterFlag(name), shards } };
}
