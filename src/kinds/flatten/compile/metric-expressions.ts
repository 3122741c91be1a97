import type { Settings, Strategy } from '../../../config/settings.js';
import type { Mapping, MappingEntry } from '../mapping/mapping.js';
import type { MetricKind, MetricMap, SourceSchema } from '../schema/source-schema.js';
import { commentSafe, quoteIdent, quoteString, quoteStringArray } from '../../../core/quote.js';
import type { FlatColumn, Guard, NamedExpr } from './steps.js';

/** How one plan aggregates its metrics: constants, inner aggregates, outer column expressions. */
export interface MetricPlan {
  constants: NamedExpr[];
  /** Per-row expressions computed before grouping (empty: aggregate the source directly). */
  rowExprs: NamedExpr[];
  aggregates: NamedExpr[];
  /** Per-group expressions of the aggregates, computed after the join to the dimensions (`WITH` of the insert). */
  groupExprs: NamedExpr[];
  metrics: FlatColumn[];
  /** Human lines mapping array positions to columns and keys (indexed strategy). */
  positions: string[];
  /** Aggregates the insert asserts on: the chunk stops with `message` when `failWhen` holds. */
  guards: Guard[];
}

function emptyPlan(): MetricPlan {
  return { constants: [], rowExprs: [], aggregates: [], groupExprs: [], metrics: [], positions: [], guards: [] };
}

/** Recognisable in the error the server returns when the Int64 guard stops a chunk. */
export const INT64_GUARD_MARK = 'could wrap in Int64';
/** Recognisable in the error, and in an insert that checks for unmapped keys itself. */
export const UNMAPPED_GUARD_MARK = 'keys the mapping does not map';

/**
 * `transform` gives position 0 to a key missing from the mapping, which the sums would drop.
 * The insert itself stops on such a row, so no separate scan is needed before it and no row
 * read by the insert escapes the check; the runner lists the keys afterwards.
 */
function unmappedGuard(rowHasUnmapped: string): Guard {
  return {
    alias: '__chplan_unmapped_rows',
    aggregate: `countIf(${rowHasUnmapped})`,
    failWhen: '__chplan_unmapped_rows > 0',
    reason: 'a key missing from the mapping would be dropped',
    message: `chplan: the chunk holds ${UNMAPPED_GUARD_MARK}; they would be dropped, so the chunk was stopped`,
  };
}

/**
 * ClickHouse sums Int64 without an overflow check. A group whose integer values add up to
 * less than 2^62 in absolute value has every partial sum well inside Int64, so the sum is
 * exact; otherwise the chunk stops (the float total errs by far less than the 2× margin).
 */
function int64Guard(rowValues: string): Guard {
  return {
    alias: '__chplan_int_abs_total',
    aggregate: `sum(arraySum(x -> abs(toFloat64(x)), ${rowValues}))`,
    failWhen: '__chplan_int_abs_total >= 4611686018427387904',
    reason: "below 2^62 in absolute value a group's integer values cannot wrap their Int64 sum",
    message: `chplan: the integer values of one group add up to 2^62 or more in absolute value, so their sum ${INT64_GUARD_MARK}; the chunk was stopped`,
  };
}

const WIDE_INTS = /^(UInt64|U?Int128|U?Int256)$/;

/** The type a kind's values are summed in: wide enough that no source value wraps. */
export function accumulatorType(maps: MetricMap[], kind: MetricKind): string {
  if (kind === 'float') return 'Float64';
  return maps.some((m) => m.kind === 'int' && WIDE_INTS.test(m.valueType)) ? 'Int128' : 'Int64';
}

/** `v` cast to the accumulator unless it already is one (the cast is free to skip). */
export function valueCast(map: MetricMap, accumulator: string, value: string): string {
  return map.valueType === accumulator ? value : `CAST(${value}, ${quoteString(accumulator)})`;
}

/** Every value of a row's maps of one kind, in its accumulator type, map after map. */
export function rowValuesOf(schema: SourceSchema, kind: MetricKind): string {
  const accumulator = accumulatorType(schema.maps, kind);
  const values = schema.maps
    .filter((m) => m.kind === kind)
    .map((m) =>
      valueCast({ ...m, valueType: `Array(${m.valueType})` }, `Array(${accumulator})`, `${quoteIdent(m.name)}.values`),
    );
  return `arrayConcat(${values.join(', ')})`;
}

/** `ref` (or, with 'Array', every element of it) in the target's column type; ints checked. */
function outerCast(kind: MetricKind, settings: Settings, ref: string, shape: 'Array' | 'value' = 'value'): string {
  const type = kind === 'int' ? settings.intType : settings.floatType;
  const to = quoteString(shape === 'Array' ? `Array(${type})` : type);
  return kind === 'int' ? `accurateCast(${ref}, ${to})` : `CAST(${ref}, ${to})`;
}

/**
 * Indexed: per row, every map's values are concatenated and every key becomes its column
 * position (`transform`, a hash lookup, per map so no key string is copied); per group those
 * sparse lists are collected (`groupArrayArray`, state proportional to the entries present)
 * and summed into a dense vector once per finished group, after the join to the dimensions
 * (`arrayReduce('sumResample…')` in `groupExprs`). Per-row work grows with the keys present in
 * the row, not with the number of mapped keys, and neither the aggregation nor the join holds a
 * dense vector per group.
 */
function indexed(schema: SourceSchema, mapping: Mapping, settings: Settings): MetricPlan {
  const plan = emptyPlan();
  // Where a row holds a key the mapping lacks: tested on the source row for maps the mapping has no key of, and on
  // the row's slots (position 0) otherwise. The slots are tested where they are columns, in the aggregation, not
  // beside their definition: the analyzer resolves an alias again wherever it is named, and the demo's slots (30
  // maps' key lookups) named twice were a quarter of the time it took to plan the insert.
  const unmappedInRow: string[] = [];
  const unmappedSlots: string[] = [];
  for (const kind of ['int', 'float'] as const) {
    const entries = mapping[kind];
    const maps = schema.maps.filter((m) => m.kind === kind);
    if (entries.length === 0 || maps.length === 0) {
      plan.metrics.push(...entries.map((e) => flat(kind, settings, e, outerCast(kind, settings, '0'))));
      unmappedInRow.push(...maps.map((m) => `notEmpty(${quoteIdent(m.name)})`));
      continue;
    }
    const sumsAlias = `__chplan_${kind}_sums`;
    // Positions in the narrowest type that holds them: the aggregation keeps one beside every value, and on the
    // benchmark's day UInt16 instead of UInt32 took a fifth off the memory it allocates for its lists and keys.
    const slotType = entries.length < 65536 ? 'UInt16' : 'UInt32';
    // Each map looks up only the keys the mapping lists for it, so a known key turning up
    // in another map counts as unmapped, as in the readable strategy and the preflight.
    const slots = maps.map((m, i) => {
      const known = entries.flatMap((e, position) =>
        e.maps.includes(m.name) ? [{ key: e.key, position: position + 1 }] : [],
      );
      if (known.length === 0) return `arrayMap(k -> to${slotType}(0), ${quoteIdent(m.name)}.keys)`;
      const keysAlias = `__chplan_${kind}_keys_${i + 1}`;
      const positionsAlias = `__chplan_${kind}_positions_${i + 1}`;
      plan.constants.push(
        { alias: keysAlias, expr: quoteStringArray(known.map((k) => k.key)) },
        { alias: positionsAlias, expr: `CAST([${known.map((k) => k.position).join(', ')}], 'Array(${slotType})')` },
      );
      return `arrayMap(k -> transform(k, ${keysAlias}, ${positionsAlias}, to${slotType}(0)), ${quoteIdent(m.name)}.keys)`;
    });
    const rowValues = `__chplan_${kind}_row_values`;
    const rowSlots = `__chplan_${kind}_row_slots`;
    plan.rowExprs.push(
      { alias: rowValues, expr: rowValuesOf(schema, kind) },
      { alias: rowSlots, expr: `arrayConcat(${slots.join(', ')})` },
    );
    if (accumulatorType(schema.maps, kind) === 'Int64') plan.guards.push(int64Guard(rowValues));
    unmappedSlots.push(`has(${rowSlots}, 0)`);
    // The whole vector is cast at once (accurateCast checks every element): cheaper than one cast per column.
    const groupValues = `__chplan_${kind}_values`;
    const groupSlots = `__chplan_${kind}_slots`;
    plan.aggregates.push(
      { alias: groupValues, expr: `groupArrayArray(${rowValues})` },
      { alias: groupSlots, expr: `groupArrayArray(${rowSlots})` },
    );
    plan.groupExprs.push({
      alias: sumsAlias,
      expr: outerCast(
        kind,
        settings,
        `arrayReduce('sumResample(1, ${entries.length + 1}, 1)', ${groupValues}, ${groupSlots})`,
        'Array',
      ),
    });
    entries.forEach((entry, i) => {
      plan.metrics.push(flat(kind, settings, entry, `${sumsAlias}[${i + 1}]`));
      plan.positions.push(`${kind} ${i + 1} -> ${entry.column} <- ${commentSafe(JSON.stringify(entry.key))}`);
    });
  }
  const unmapped = [...unmappedSlots];
  if (unmappedInRow.length > 0) {
    plan.rowExprs.push({ alias: '__chplan_row_has_unmapped', expr: unmappedInRow.join(' OR ') });
    unmapped.push('__chplan_row_has_unmapped');
  }
  if (unmapped.length > 0) plan.guards.push(unmappedGuard(unmapped.join(' OR ')));
  return plan;
}

/** Readable: one `sum(map['key'])` per key and map; slower, obvious to review. */
function readable(schema: SourceSchema, mapping: Mapping, settings: Settings): MetricPlan {
  const plan = emptyPlan();
  const intMaps = schema.maps.filter((m) => m.kind === 'int');
  if (intMaps.length > 0 && accumulatorType(schema.maps, 'int') === 'Int64') {
    plan.guards.push(int64Guard(`arrayConcat(${intMaps.map((m) => `${quoteIdent(m.name)}.values`).join(', ')})`));
  }
  for (const kind of ['int', 'float'] as const) {
    const accumulator = accumulatorType(schema.maps, kind);
    const byName = new Map(schema.maps.map((m) => [m.name, m]));
    for (const entry of mapping[kind]) {
      const alias = `__chplan_${entry.column}`;
      const terms = entry.maps
        .filter((name) => byName.get(name)?.kind === kind)
        .map(
          (name) =>
            `sum(${valueCast(byName.get(name)!, accumulator, `${quoteIdent(name)}[${quoteString(entry.key)}]`)})`,
        );
      plan.aggregates.push({
        alias,
        expr: terms.length > 0 ? terms.join(' + ') : `CAST(0, ${quoteString(accumulator)})`,
      });
      plan.metrics.push(flat(kind, settings, entry, outerCast(kind, settings, alias)));
    }
  }
  return plan;
}

function flat(kind: MetricKind, settings: Settings, entry: MappingEntry, expr: string): FlatColumn {
  return { column: entry.column, type: kind === 'int' ? settings.intType : settings.floatType, key: entry.key, expr };
}

export function metricPlan(strategy: Strategy, schema: SourceSchema, mapping: Mapping, settings: Settings): MetricPlan {
  switch (strategy) {
    case 'indexed':
      return indexed(schema, mapping, settings);
    case 'readable':
      return readable(schema, mapping, settings);
    default: {
      const unknown: never = strategy;
      throw new Error(`unknown strategy ${String(unknown)}`);
    }
  }
}
