import { MANIFEST_FORMAT } from '../../../plan/manifest.js';
import { formatTableRef } from '../../../config/settings.js';
import type { PlannedObject } from '../../../plan/definition.js';
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
import { renderStream } from './compile.js';
import { chainTables, kafkaCollection, pgCollection } from './chain-tables.js';
import { renderDocument } from '../../../render/render.js';
import type { StreamSpec } from './spec.js';

/** A stream plan's manifest.json. The plan hash is over canonical JSON: field order does not matter. */
export interface StreamManifest extends PlanManifest {
  kind: 'stream';
  spec: Omit<StreamSpec, 'kind'>;
  collections: { kafka: string; postgres: string };
  /** Step → file, for every statement of the plan, in setup order. */
  steps: Record<string, string>;
  /** Every object the chain's statements create, with the COMMENT naming its definition. */
  objects: PlannedObject[];
}

export type StreamPlan = LoadedPlan<StreamManifest>;

function planMd(
  spec: StreamSpec,
  files: { file: string; role: string }[],
  planHash: string,
  toolVersion: string,
): string {
  const t = chainTables(spec);
  const code = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');
  return renderDocument('templates/stream/PLAN.md.hbs', {
    name: spec.name,
    database: spec.database,
    planHash,
    toolVersion,
    topics: spec.kafka ? code(spec.kafka.topics) : null,
    group: spec.kafka?.group ?? null,
    landing: formatTableRef(t.landing),
    cluster: spec.cluster,
    route: formatTableRef(t.route),
    parsedLog: formatTableRef(t.parsedLog),
    deadLetter: formatTableRef(t.deadLetter),
    version: spec.envelope.version === 'lsn' ? '`source.lsn`' : '`source.ts_ms`, then `source.lsn`',
    tables: spec.tables.map((x) => ({
      name: x.name,
      source: x.source,
      key: code(x.key),
      time: x.time ? `\`${x.time}\`` : 'none (a dimension)',
    })),
    aggregates: spec.aggregates.map((x) => ({ name: x.name, key: code(x.key), rollupOf: x.rollupOf ?? null })),
    files,
  });
}

/** Everything that goes into a stream plan directory. Pure and deterministic. */
export function buildStreamPlan(spec: StreamSpec, options: { toolVersion: string }): SealedPlan<StreamManifest> {
  const statements = renderStream(spec);
  const files: PlanFile[] = statements.map((s) => ({ name: s.file, content: s.sql }));
  const { kind: _kind, ...rest } = spec;
  const base: Omit<StreamManifest, 'planHash' | 'files'> = {
    formatVersion: MANIFEST_FORMAT,
    kind: 'stream',
    tool: { name: 'chplan', version: options.toolVersion },
    ledger: { table: spec.ledger, scope: formatTableRef({ database: spec.database, name: spec.name }) },
    spec: rest,
    collections: { kafka: kafkaCollection(spec), postgres: pgCollection(spec) },
    steps: Object.fromEntries(statements.map((s) => [s.step, s.file])),
    objects: statements.flatMap((s) => (s.object ? [s.object] : [])),
  };
  return sealPlan<StreamManifest>(base, files, (planHash) =>
    planMd(
      spec,
      [...statements, { file: 'manifest.json', role: 'sha256 of every file and the spec' }],
      planHash,
      options.toolVersion,
    ),
  );
}

export function readStreamPlan(dir: string): StreamPlan {
  const { manifest } = verifyPlanDir(dir);
  const steps = ((manifest as Partial<StreamManifest>).steps ?? {}) as Record<string, string>;
  const files: PlanFiles = Object.fromEntries(Object.entries(steps).map(([step, file]) => [step, { file, role: '' }]));
  return readPlanDir<StreamManifest>(dir, 'stream', files);
}
