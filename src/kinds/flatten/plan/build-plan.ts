import { MANIFEST_FORMAT } from '../../../plan/manifest.js';
import { formatTableRef, type Settings } from '../../../config/settings.js';
import { flattenSteps, PLAN_FILES, planTables, renderSteps } from '../compile/compile-plan.js';
import { UNMAPPED_GUARD_MARK } from '../compile/metric-expressions.js';
import type { Mapping } from '../mapping/mapping.js';
import { mappingHash, serializeMapping } from '../mapping/mapping-file.js';
import type { SourceSchema } from '../schema/source-schema.js';
import { sealPlan, type PlanFile, type SealedPlan } from '../../../plan/plan-dir.js';
import type { Manifest } from './manifest.js';
import { renderDocument } from '../../../render/render.js';

/** Markdown-safe inline code content: backticks and pipes would break the tables. */
function md(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/`/g, 'ˋ').replace(/\|/g, '\\|');
}

/**
 * Everything that goes into a plan directory: the SQL files, mapping.json, PLAN.md and
 * manifest.json. Pure and deterministic: same inputs, same bytes.
 */
export function buildPlan(input: {
  name: string;
  schema: SourceSchema;
  mapping: Mapping;
  settings: Settings;
  toolVersion: string;
  previous?: Mapping | null;
}): SealedPlan<Manifest> {
  const { name, schema, mapping, settings, toolVersion } = input;
  const previous = input.previous ?? null;
  const steps = flattenSteps(schema, mapping, settings, previous);
  const statements = renderSteps(steps);
  const insert = steps.find((step) => step.type === 'insert_chunk');
  const tables = planTables(settings);
  const mappingText = serializeMapping(mapping);
  const files: PlanFile[] = [
    ...statements.map((s) => ({ name: s.file, content: s.sql })),
    { name: 'mapping.json', content: mappingText },
  ];
  const base: Omit<Manifest, 'planHash' | 'files'> = {
    formatVersion: MANIFEST_FORMAT,
    kind: 'flatten',
    tool: { name: 'chplan', version: toolVersion },
    ledger: { table: tables.ledger, scope: formatTableRef(tables.target) },
    tables,
    timeZone: settings.timeZone,
    strategy: settings.strategy,
    insertChecksUnmappedKeys:
      insert?.type === 'insert_chunk' && insert.guards.some((g) => g.message.includes(UNMAPPED_GUARD_MARK)),
    chunk: settings.chunk,
    customers: settings.customers,
    customerColumn: settings.customerColumn,
    cluster: settings.cluster,
    timeColumn: schema.time.name,
    groupKeys: schema.groupKeys.map((c) => c.name),
    intType: settings.intType,
    floatType: settings.floatType,
    mappingHash: mappingHash(mapping),
    previousMappingHash: previous ? mappingHash(previous) : null,
    source: {
      fingerprint: schema.fingerprint,
      columns: schema.columns.map((c) => [c.name, c.type] as [string, string]),
    },
  };
  return sealPlan<Manifest>(base, files, (planHash) =>
    renderPlanMd({
      name,
      schema,
      mapping,
      settings,
      toolVersion,
      planHash,
      statements,
      insertChecksUnmappedKeys: base.insertChecksUnmappedKeys,
    }),
  );
}

function renderPlanMd(input: {
  name: string;
  schema: SourceSchema;
  mapping: Mapping;
  settings: Settings;
  toolVersion: string;
  planHash: string;
  statements: { file: string; role: string }[];
  insertChecksUnmappedKeys: boolean;
}): string {
  const { schema, mapping, settings } = input;
  const tables = planTables(settings);
  const names = (columns: { name: string }[]) =>
    columns.length ? columns.map((c) => `\`${md(c.name)}\``).join(', ') : '—';
  const entries = (['int', 'float'] as const).flatMap((kind) =>
    mapping[kind].map((e) => ({ column: e.column, key: md(e.key), maps: e.maps.join(', '), rows: e.rows })),
  );
  const shared = (['int', 'float'] as const).flatMap((kind) =>
    mapping[kind].filter((e) => e.maps.length > 1).map((e) => ({ kind, key: md(e.key), maps: e.maps.join(', ') })),
  );
  return renderDocument('templates/flatten/PLAN.md.hbs', {
    name: input.name,
    step: PLAN_FILES,
    source: formatTableRef(tables.source),
    target: formatTableRef(tables.target),
    staging: formatTableRef(tables.staging),
    ledger: formatTableRef(tables.ledger),
    registry: formatTableRef(tables.registry),
    namedView: formatTableRef(tables.namedView),
    compatView: formatTableRef(tables.compatView),
    planHash: input.planHash,
    toolVersion: input.toolVersion,
    mapping,
    mappingHash: mappingHash(mapping),
    chunk: settings.chunk,
    timeZone: settings.timeZone,
    timeColumn: schema.time.name,
    groupKeyList: names(schema.groupKeys),
    customerText: settings.customers
      ? `only ${settings.customers.join(', ')} (\`${settings.customerColumn}\`); other customers' rows in the target are preserved`
      : 'all',
    strategy: settings.strategy,
    unmappedCheck: input.insertChecksUnmappedKeys
      ? `the insert stops on a row that has one; \`${PLAN_FILES.preflight_unmapped_keys.file}\` then lists them`
      : `\`${PLAN_FILES.preflight_unmapped_keys.file}\` runs before each chunk and stops the run on one`,
    intCount: mapping.int.length,
    floatCount: mapping.float.length,
    intType: settings.intType,
    floatType: settings.floatType,
    intMaps: schema.maps.filter((m) => m.kind === 'int').length,
    floatMaps: schema.maps.filter((m) => m.kind === 'float').length,
    sourceColumns: schema.columns.length,
    fingerprint: schema.fingerprint.slice(0, 16),
    dimensionList: names(schema.dimensions),
    excludedList: names(schema.excluded),
    files: [
      ...input.statements,
      { file: 'mapping.json', role: 'the key → column mapping this plan was compiled from' },
      { file: 'manifest.json', role: 'sha256 of every file, the mapping and the source schema' },
    ],
    shared,
    entries,
  });
}
