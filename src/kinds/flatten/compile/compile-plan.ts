import { DEFAULT_INSERT_SETTINGS, formatTableRef, type Settings, type TableRef } from '../../../config/settings.js';
import { mappingHash } from '../mapping/mapping-file.js';
import { windowFilter } from '../schema/window-filter.js';
import type { Mapping } from '../mapping/mapping.js';
import type { MetricKind, SourceSchema } from '../schema/source-schema.js';
import { accumulatorType, metricPlan } from './metric-expressions.js';
import { quoteIdent, quoteString } from '../../../core/quote.js';
import { renderStep } from '../../../render/render.js';
import { inExecutionOrder } from '../../../plan/plan-dir.js';
import type { NamedExpr, Step } from './steps.js';

/** Where each statement of a flatten plan lives, in execution order, and what it is for. */
export const PLAN_FILES = inExecutionOrder([
  ['check_sharding', "cluster only: refuses when a minute group's rows span shards"],
  ['create_ledger', 'ledger table recording every chunk and publish (created if missing)'],
  [
    'migrate_ledger',
    'adds the columns a ledger created by an older chplan lacks (chunk_key, source_version, unit, note, cursor) and keeps lease heartbeats 7 days',
  ],
  ['append_ledger', 'appends a chunk, a publish or the lease to the ledger (every ledger row)'],
  ['create_registry', 'registry of the key each target column holds (created if missing)'],
  ['register_mapping', 'records the key of each column not registered yet (after the registry check passed)'],
  ['create_target', 'target table DDL (created if missing)'],
  ['add_columns_target', 'migration: columns this mapping adds to an existing target'],
  ['create_named_view', 'view with every metric under its key name'],
  ['create_compat_view', 'view rebuilding the old Map columns, for existing queries'],
  ['create_staging', "staging table with the target's structure"],
  ['add_columns_staging', 'migration: the same columns on an existing staging table'],
  ['create_distributed', "cluster only: Distributed table over every shard's target"],
  ['clear_staging_day', 'drops a day from staging before it is rebuilt'],
  ['clear_staging_window', "removes a retried chunk's window from staging"],
  ['preflight_unmapped_keys', 'lists keys the mapping lacks: before each chunk, or after the insert stopped on one'],
  ['insert_chunk', 'THE transform: one INSERT … SELECT per chunk, bounds bound as parameters'],
  ['keep_other_customers', 'copies customers outside the plan into staging before publish'],
  ['check_staging', 'row and part count of a staged day, checked before publish'],
  ['publish_day', 'atomic REPLACE PARTITION of a day from staging into the target'],
  ['validate_row_count', 'validation: source groups vs target rows'],
  ['validate_source_sums', 'validation: per-key sums from the source (unpivot)'],
  ['validate_target_sums', 'validation: per-column sums from the target'],
  ['validate_spot_source', 'validation: sampled groups, every key, source side'],
  ['validate_spot_target', 'validation: sampled groups, every column, target side'],
  ['validate_dimensions', 'validation: groups whose dimension columns differ'],
  ['diagnose_overflow', 'after an integer overflow only: names the group, key and sum that do not fit'],
]) satisfies Record<Step['type'], { file: string; role: string }>;

export interface PlanStatement {
  step: Step['type'];
  file: string;
  role: string;
  sql: string;
}

/** Names chplan derives from the target: staging next to it, ledger in its database. */
export function planTables(
  settings: Settings,
): Record<
  'source' | 'target' | 'staging' | 'ledger' | 'registry' | 'namedView' | 'compatView' | 'distributed',
  TableRef
> {
  return {
    source: settings.source,
    target: settings.target,
    staging: { database: settings.target.database, name: `${settings.target.name}__chplan_staging` },
    ledger: { database: settings.target.database, name: 'chplan_ledger' },
    registry: { database: settings.target.database, name: 'chplan_mappings' },
    namedView: { database: settings.target.database, name: `${settings.target.name}_named` },
    compatView: { database: settings.target.database, name: `${settings.target.name}_compat` },
    distributed: { database: settings.target.database, name: `${settings.target.name}_all` },
  };
}

function unpivotTuple(kind: MetricKind, accumulator: { int: string; float: string }): string {
  return kind === 'int'
    ? `('int', k, CAST(v, ${quoteString(accumulator.int)}), toFloat64(0))`
    : `('float', k, CAST(0, ${quoteString(accumulator.int)}), toFloat64(v))`;
}

/** The settings of the chunk insert: chplan's defaults, then the spec's `insertSettings`, as SQL. */
export function insertSettings(settings: Settings): NamedExpr[] {
  return Object.entries({ ...DEFAULT_INSERT_SETTINGS, ...settings.insertSettings }).map(([alias, value]) => ({
    alias,
    expr: typeof value === 'number' ? String(value) : quoteString(value),
  }));
}

/** The steps of a flatten plan for this schema, mapping and settings. Pure. */
export function flattenSteps(
  schema: SourceSchema,
  mapping: Mapping,
  settings: Settings,
  previous: Mapping | null = null,
): Step[] {
  const tables = planTables(settings);
  const time = schema.time.name;
  const groupKeys = schema.groupKeys.map((c) => c.name);
  const dimensions = schema.dimensions.map((c) => c.name);
  const metrics = metricPlan(settings.strategy, schema, mapping, settings);
  // Source and target share the time and customer column names, so one filter serves both.
  const sourceFilter = windowFilter(settings);
  const accumulator = { int: accumulatorType(schema.maps, 'int'), float: 'Float64' };
  const unpivot = schema.maps.map((m) => ({ name: m.name, tuple: unpivotTuple(m.kind, accumulator) }));
  const known = (map: string, kind: MetricKind) => mapping[kind].filter((e) => e.maps.includes(map)).map((e) => e.key);
  const common = { time, timeZone: settings.timeZone, groupKeys };
  const typeOf = (kind: MetricKind) => (kind === 'int' ? settings.intType : settings.floatType);
  const free = (['int', 'float'] as const).flatMap((kind) =>
    mapping.free[kind].map((column) => ({ column, type: typeOf(kind) })),
  );
  const added = addedColumns(mapping, previous).map((c) => ({ ...c, type: typeOf(c.kind) }));
  const cluster = settings.cluster;
  const steps: Step[] = [
    { type: 'create_ledger', cluster, ledger: tables.ledger },
    { type: 'append_ledger', ledger: tables.ledger },
    { type: 'migrate_ledger', cluster, ledger: tables.ledger },
    { type: 'create_registry', cluster, registry: tables.registry },
    ...(mapping.int.length + mapping.float.length > 0
      ? [
          {
            type: 'register_mapping',
            registry: tables.registry,
            target: formatTableRef(tables.target),
            mappingHash: mappingHash(mapping),
            version: mapping.version,
            entries: (['int', 'float'] as const).flatMap((kind) =>
              mapping[kind].map((e) => ({ kind, column: e.column, key: e.key })),
            ),
          } as Step,
        ]
      : []),
    {
      type: 'create_target',
      cluster,
      target: tables.target,
      time: schema.time,
      carried: [...schema.groupKeys, ...schema.dimensions],
      metrics: metrics.metrics,
      free,
      orderBy: [...groupKeys, time],
      timeZone: settings.timeZone,
    },
    {
      type: 'create_named_view',
      cluster,
      view: tables.namedView,
      target: tables.target,
      time,
      carried: [...groupKeys, ...dimensions],
      columns: namedColumns(mapping, [time, ...groupKeys, ...dimensions]),
    },
    {
      type: 'create_compat_view',
      cluster,
      view: tables.compatView,
      target: tables.target,
      time,
      carried: [...groupKeys, ...dimensions],
      maps: compatMaps(schema, mapping),
    },
    { type: 'create_staging', cluster, staging: tables.staging, target: tables.target },
    ...(added.length > 0
      ? ([
          { type: 'add_columns_target', cluster, table: tables.target, columns: added },
          { type: 'add_columns_staging', cluster, table: tables.staging, columns: added },
        ] as Step[])
      : []),
    { type: 'clear_staging_day', staging: tables.staging },
    { type: 'clear_staging_window', staging: tables.staging, time },
    {
      type: 'preflight_unmapped_keys',
      source: tables.source,
      sourceFilter,
      maps: schema.maps.map((m) => ({ name: m.name, known: known(m.name, m.kind) })),
    },
    {
      type: 'insert_chunk',
      tables,
      ...common,
      // The dimension columns travel through the join under numbered aliases, named back in the outer SELECT, so no
      // source column's name meets a name the aggregation defines (`__chplan_minute`, its lists) in the join.
      dimensions: dimensions.map((name, i) => ({ name, alias: `__chplan_d${i + 1}` })),
      withs: [...metrics.constants, ...metrics.groupExprs],
      rowExprs: metrics.rowExprs,
      aggregates: metrics.aggregates,
      guards: metrics.guards,
      metrics: metrics.metrics,
      positions: metrics.positions,
      sourceFilter,
      settings: insertSettings(settings),
    },
  ];
  if (cluster) {
    steps.push(
      { type: 'create_distributed', cluster, distributed: tables.distributed, target: tables.target, groupKeys },
      {
        type: 'check_sharding',
        cluster,
        source: tables.source,
        time,
        timeZone: settings.timeZone,
        groupKeys,
        sourceFilter,
      },
    );
  }
  if (settings.customers) {
    steps.push({
      type: 'keep_other_customers',
      staging: tables.staging,
      target: tables.target,
      time,
      customerColumn: settings.customerColumn,
      customers: settings.customers,
    });
  }
  steps.push(
    { type: 'check_staging', staging: tables.staging },
    { type: 'publish_day', target: tables.target, staging: tables.staging },
    {
      type: 'validate_row_count',
      source: tables.source,
      target: tables.target,
      ...common,
      sourceFilter,
      targetFilter: sourceFilter,
    },
    { type: 'validate_source_sums', source: tables.source, sourceFilter, maps: unpivot },
    { type: 'validate_target_sums', target: tables.target, targetFilter: sourceFilter, metrics: metrics.metrics },
    {
      type: 'validate_spot_source',
      source: tables.source,
      target: tables.target,
      ...common,
      sourceFilter,
      targetFilter: sourceFilter,
      maps: unpivot,
    },
    {
      type: 'validate_spot_target',
      target: tables.target,
      time,
      groupKeys,
      targetFilter: sourceFilter,
      ints: mapping.int.map((e) => e.column),
      floats: mapping.float.map((e) => e.column),
    },
    { type: 'validate_dimensions', source: tables.source, ...common, dimensions, sourceFilter },
  );
  const intMaps = schema.maps.filter((m) => m.kind === 'int');
  if (intMaps.length > 0) {
    steps.push({
      type: 'diagnose_overflow',
      source: tables.source,
      ...common,
      sourceFilter,
      maps: intMaps.map((m) => ({ name: m.name })),
      // Runs only after a failure, so it can afford sums that cannot wrap at all.
      accumulator: 'Int256',
      intType: settings.intType,
    });
  }
  return steps;
}

/**
 * Key names as column names for the named view: a key that is empty or already taken
 * (by another column, or by the same key of the other kind) gets a suffix. Pure.
 */
export function namedColumns(mapping: Mapping, reserved: string[]): { column: string; alias: string }[] {
  const taken = new Set(reserved);
  const result: { column: string; alias: string }[] = [];
  for (const kind of ['int', 'float'] as const) {
    for (const entry of mapping[kind]) {
      let alias = entry.key === '' ? `(empty ${kind} key)` : entry.key;
      if (taken.has(alias)) alias = `${alias} (${kind})`;
      for (let n = 2; taken.has(alias); n++) alias = `${entry.key} (${kind} ${n})`;
      taken.add(alias);
      result.push({ column: entry.column, alias });
    }
  }
  return result;
}

/** The old Map columns as expressions over the flat ones; a shared key goes to its first map. Pure. */
export function compatMaps(
  schema: SourceSchema,
  mapping: Mapping,
): { name: string; type: string; keys: string[]; values: string[] }[] {
  return schema.maps.map((map) => {
    const entries = mapping[map.kind].filter((e) => e.maps[0] === map.name);
    return {
      name: map.name,
      type: map.type,
      keys: entries.map((e) => e.key),
      values: entries.map((e) => `CAST(${quoteIdent(e.column)}, ${quoteString(map.valueType)})`),
    };
  });
}

/** Columns (mapped or free) of `mapping` that the previous mapping's table lacks. Pure. */
export function addedColumns(
  mapping: Mapping,
  previous: Mapping | null,
): { kind: MetricKind; column: string; comment: string; existing: boolean }[] {
  if (!previous) return [];
  return (['int', 'float'] as const).flatMap((kind) => {
    const assigned = new Set(previous[kind].map((e) => e.column));
    const spare = new Set(previous.free[kind]);
    return [
      ...mapping[kind]
        .filter((e) => !assigned.has(e.column))
        .map((e) => ({ kind, column: e.column, comment: e.key, existing: spare.has(e.column) })),
      ...mapping.free[kind]
        .filter((c) => !assigned.has(c) && !spare.has(c))
        .map((column) => ({ kind, column, comment: 'free: reserved for a future key', existing: false })),
    ];
  });
}

/** Compiles the flatten plan's statements: (schema, mapping, settings) → SQL text. Pure. */
export function compileFlatten(
  schema: SourceSchema,
  mapping: Mapping,
  settings: Settings,
  previous: Mapping | null = null,
): PlanStatement[] {
  return renderSteps(flattenSteps(schema, mapping, settings, previous));
}

/** Each step as its plan file's SQL. Pure. */
export function renderSteps(steps: Step[]): PlanStatement[] {
  return steps.map((step) => ({ step: step.type, ...PLAN_FILES[step.type], sql: renderStep('flatten', step) }));
}
