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
  type PlanFiles,
} from '../../../plan/plan-dir.js';
import { chainTables, kafkaCollection, pgCollection, renderStream } from './compile.js';
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
  const lines = [
    `# Plan \`${spec.name}\`: Debezium change events → ClickHouse \`${spec.database}\``,
    '',
    `Plan hash \`${planHash}\` · chplan ${toolVersion} · kind \`stream\``,
    '',
    '## What it does',
    `${spec.kafka ? `A Kafka table reads ${spec.kafka.topics.map((x) => `\`${x}\``).join(', ')} (group \`${spec.kafka.group}\`) one message per line into` : 'Messages are replayed into'} the landing table \`${formatTableRef(t.landing)}\`.`,
    'Views parse each message once: one reason expression decides whether it is usable; usable messages',
    `are typed into their processed table (latest state per key, \`ReplacingMergeTree(_version, _deleted)\`, version = ${spec.envelope.version === 'lsn' ? '`source.lsn`' : '`source.ts_ms`'})`,
    `and logged in \`${formatTableRef(t.parsedLog)}\`; the others go to \`${formatTableRef(t.deadLetter)}\` with their reason.`,
    'A message delivered twice is the same version, and a delete hides its key: the processed tables are exact',
    'under at-least-once delivery. `chplan run PLAN --day D [--to D2]` rebuilds each aggregate for those days',
    'from the processed tables (FINAL) through staging and an atomic `REPLACE PARTITION`, with the ledger,',
    'lease and resume every plan has; the live chain keeps running meanwhile.',
    '',
    '| processed table | Debezium table | key | time |',
    '|---|---|---|---|',
    ...spec.tables.map(
      (x) => `| \`${x.name}\` | \`${x.source}\` | ${x.key.map((k) => `\`${k}\``).join(', ')} | \`${x.time}\` |`,
    ),
    '',
    '| aggregate | key | rollup of |',
    '|---|---|---|',
    ...spec.aggregates.map(
      (a) =>
        `| \`${a.name}\` | ${a.key.map((k) => `\`${k}\``).join(', ')} | ${a.rollupOf ? `\`${a.rollupOf}\`` : ''} |`,
    ),
    '',
    '## Files',
    '| file | role |',
    '|---|---|',
    ...files.map((f) => `| \`${f.file}\` | ${f.role} |`),
    '',
  ];
  return lines.join('\n');
}

/** Everything that goes into a stream plan directory. Pure and deterministic. */
export function buildStreamPlan(spec: StreamSpec, options: { toolVersion: string }): PlanFile[] {
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
