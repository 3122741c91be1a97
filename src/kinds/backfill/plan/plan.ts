import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { contentHash, type PlanManifest, MANIFEST_FORMAT } from '../../../plan/manifest.js';
import { readPlanDir, sealPlan, type LoadedPlan, type PlanFile, type SealedPlan } from '../../../plan/plan-dir.js';
import {
  BACKFILL_FILES,
  backfillTables,
  renderBackfill,
  type BackfillInputs,
  type BackfillTables,
  type Column,
} from './compile.js';
import type { PublishMode } from './spec.js';
import { renderDocument } from '../../../render/render.js';

/** A backfill plan's manifest.json. The plan hash is over canonical JSON: field order does not matter. */
export interface BackfillManifest extends PlanManifest {
  kind: 'backfill';
  tables: BackfillTables;
  /** Zone of the month partitions (the server's). */
  timeZone: string;
  /** Default chunking of a partition. */
  chunk: string;
  publish: PublishMode;
  exclude: TableRef | null;
  mergeTraceMetadata: boolean;
  source: { fingerprint: string; columns: [string, string][] };
  lookup: { fingerprint: string; columns: [string, string][] };
  /** The materialized view deriving a table from the target, as compiled (checked before each run). */
  derived: { view: TableRef; table: TableRef; fingerprint: string } | null;
  /** The cluster the plan runs on (a run per shard, over its local tables), or null for one server. */
  cluster: string | null;
}

export type BackfillPlan = LoadedPlan<BackfillManifest>;

/** A table's columns as the manifest records them, and their fingerprint. */
export function columnsRecord(columns: Column[]): { fingerprint: string; columns: [string, string][] } {
  const list = columns.map((c) => [c.name, c.type] as [string, string]);
  return { fingerprint: contentHash(JSON.stringify(list)), columns: list };
}

/** Everything that goes into a backfill plan directory. Pure and deterministic: same inputs, same bytes. */
export function buildBackfillPlan(
  inputs: BackfillInputs,
  options: { name: string; dir: string; toolVersion: string },
): SealedPlan<BackfillManifest> {
  const { spec, derived } = inputs;
  const statements = renderBackfill(inputs);
  const files: PlanFile[] = statements.map((s) => ({ name: s.file, content: s.sql }));
  const base: Omit<BackfillManifest, 'planHash' | 'files'> = {
    formatVersion: MANIFEST_FORMAT,
    kind: 'backfill',
    tool: { name: 'chplan', version: options.toolVersion },
    ledger: { table: backfillTables(spec, null).ledger, scope: formatTableRef(spec.target) },
    tables: backfillTables(spec, derived?.table ?? null),
    timeZone: spec.timeZone,
    chunk: spec.chunk,
    publish: spec.publish,
    exclude: spec.exclude,
    mergeTraceMetadata: spec.mergeTraceMetadata,
    source: columnsRecord(inputs.source),
    lookup: columnsRecord(inputs.lookup),
    derived: derived ? { view: derived.view, table: derived.table, fingerprint: derived.fingerprint } : null,
    cluster: spec.cluster,
  };
  const tables = base.tables;
  return sealPlan<BackfillManifest>(base, files, (planHash) =>
    renderDocument('templates/backfill/PLAN.md.hbs', {
      name: options.name,
      step: BACKFILL_FILES,
      dir: options.dir,
      planHash,
      toolVersion: options.toolVersion,
      publish: spec.publish,
      replace: spec.publish === 'replace',
      source: formatTableRef(tables.source),
      traces: formatTableRef(tables.lookup),
      target: formatTableRef(tables.target),
      exclude: spec.exclude ? formatTableRef(spec.exclude) : null,
      derived: derived ? formatTableRef(derived.table) : null,
      view: derived ? formatTableRef(derived.view) : null,
      viewFingerprint: derived?.fingerprint.slice(0, 16) ?? null,
      staging: formatTableRef(tables.staging),
      cluster: spec.cluster,
      distributed: formatTableRef(tables.distributed),
      ledger: formatTableRef(tables.ledger),
      chunk: spec.chunk,
      sourceColumns: inputs.source.length,
      lookupColumns: inputs.lookup.length,
      sourceFingerprint: base.source.fingerprint.slice(0, 16),
      lookupFingerprint: base.lookup.fingerprint.slice(0, 16),
      metadataText: spec.mergeTraceMetadata
        ? "the trace's metadata, updated by the observation's (mergeTraceMetadata; Langfuse keeps the observation's only)"
        : "the observation's, as Langfuse writes it",
      files: [
        ...statements,
        { file: 'manifest.json', role: "sha256 of every file, the spec, both tables' columns and the derived view" },
      ],
    }),
  );
}

/** Reads and verifies a backfill plan directory. */
export function readBackfillPlan(dir: string): BackfillPlan {
  return readPlanDir<BackfillManifest>(dir, 'backfill', BACKFILL_FILES);
}
