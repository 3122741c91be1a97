import { MANIFEST_FORMAT, contentHash } from '../../../plan/manifest.js';
import { canonicalJson } from '../../../core/canonical-json.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import type { PlanManifest } from '../../../plan/manifest.js';
import {
  readPlanDir,
  sealPlan,
  verifyPlanDir,
  type LoadedPlan,
  type PlanFile,
  type SealedPlan,
  type PlanFiles,
} from '../../../plan/plan-dir.js';
import { renderSync } from './compile.js';
import type { SourceColumn, SourceTable } from './sync-steps.js';
import type { PlannedObject } from '../../../plan/definition.js';
import type { KpiSpec, SyncSpec, SyncTableSpec } from './spec.js';
import { renderDocument } from '../../../render/render.js';

/** A sync plan's manifest.json. The plan hash is over canonical JSON: field order does not matter. */
export interface SyncManifest extends PlanManifest {
  kind: 'sync';
  database: string;
  collection: string;
  pgSchema: string;
  lookbackSeconds: number;
  syncTables: (SyncTableSpec & { columns: SourceColumn[] })[];
  kpis: Pick<KpiSpec, 'name' | 'key'>[];
  /** Step → file, for every statement of the plan. */
  steps: Record<string, string>;
  /** The KPI views, with the COMMENT naming each one's definition. */
  objects: PlannedObject[];
  /** sha256 of the spec (every default filled in): with the columns above, what the plan was compiled from. */
  specHash: string;
  /** The cluster and its number of shards the plan was compiled for, or null for one server. */
  cluster: SyncSpec['cluster'];
  /**
   * information_schema's answer on the source columns when compiled (columnsFingerprint): a sync reuses the plan while
   * it holds.
   */
  sourceFingerprint: string;
}

export type SyncPlan = LoadedPlan<SyncManifest>;

/**
 * The sync as a whole in the ledger: the scope its lease guards and every table's loads and publishes are filed under.
 */
export function syncLedgerTarget(spec: Pick<SyncSpec, 'database' | 'name'>): TableRef {
  return { database: spec.database, name: spec.name };
}

/** Everything that goes into a sync plan directory. Pure and deterministic: same inputs, same bytes. */
export function buildSyncPlan(
  spec: SyncSpec,
  sources: SourceTable[],
  options: { name: string; dir: string; toolVersion: string; sourceFingerprint: string },
): SealedPlan<SyncManifest> {
  const statements = renderSync(spec, sources);
  const files: PlanFile[] = statements.map((s) => ({ name: s.file, content: s.sql }));
  const base: Omit<SyncManifest, 'planHash' | 'files'> = {
    formatVersion: MANIFEST_FORMAT,
    kind: 'sync',
    tool: { name: 'chplan', version: options.toolVersion },
    ledger: { table: spec.ledger, scope: formatTableRef(syncLedgerTarget(spec)) },
    database: spec.database,
    collection: spec.source.collection,
    pgSchema: spec.source.schema,
    lookbackSeconds: spec.lookbackSeconds,
    syncTables: sources.map((s) => ({ ...s.spec, columns: s.columns })),
    kpis: spec.kpis.map((k) => ({ name: k.name, key: k.key })),
    steps: Object.fromEntries(statements.map((s) => [s.step, s.file])),
    objects: statements.flatMap((s) => (s.object ? [s.object] : [])),
    specHash: contentHash(canonicalJson(spec)),
    cluster: spec.cluster,
    sourceFingerprint: options.sourceFingerprint,
  };
  const code = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');
  return sealPlan<SyncManifest>(base, files, (planHash) =>
    renderDocument('templates/sync/PLAN.md.hbs', {
      name: options.name,
      planHash,
      toolVersion: options.toolVersion,
      database: spec.database,
      collection: spec.source.collection,
      ledger: formatTableRef(spec.ledger),
      lookbackSeconds: spec.lookbackSeconds,
      cluster: spec.cluster,
      tables: sources.map(({ spec: t }) => ({
        schema: spec.source.schema,
        source: t.source,
        target: `${spec.database}.${t.target}`,
        role: t.role,
        key: code(t.primaryKey),
        cursor: t.cursor,
        capture: t.capture,
        placement: spec.cluster ? (t.sharded ? 'sharded by key' : 'every shard') : null,
        layout: t.role === 'fact' ? `month of \`${t.partitionBy}\` / ${code(t.orderBy)}` : 'none / key',
      })),
      kpis: spec.kpis.map((k) => ({
        name: `${spec.database}.${k.name}`,
        key: code(k.key),
        description: k.description || '',
      })),
      files: [...statements, { file: 'manifest.json', role: "sha256 of every file, the tables' columns and the spec" }],
    }),
  );
}

/** Reads and verifies a sync plan directory; its steps are listed in its own manifest. */
export function readSyncPlan(dir: string): SyncPlan {
  const { manifest } = verifyPlanDir(dir);
  const steps = ((manifest as Partial<SyncManifest>).steps ?? {}) as Record<string, string>;
  const files: PlanFiles = Object.fromEntries(Object.entries(steps).map(([step, file]) => [step, { file, role: '' }]));
  return readPlanDir<SyncManifest>(dir, 'sync', files);
}
