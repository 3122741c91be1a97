import { createHash } from 'node:crypto';
import { SchemaError } from '../../../core/errors.js';
import type { Settings, TableRef } from '../../../config/settings.js';

export type MetricKind = 'int' | 'float';

export interface Column {
  name: string;
  type: string;
}

export interface MetricMap extends Column {
  kind: MetricKind;
  valueType: string;
}

/** The source's columns, classified. Built from system.columns, never a fixed list. */
export interface SourceSchema {
  table: TableRef;
  time: Column;
  groupKeys: Column[];
  /** Columns carried into the target from one source row per group: the same within a group in sane data. */
  dimensions: Column[];
  maps: MetricMap[];
  excluded: Column[];
  /** Every column, in table order. */
  columns: Column[];
  /** sha256 over (name, type) of every column, in table order. */
  fingerprint: string;
}

const INT_VALUE = /^U?Int(8|16|32|64|128|256)$/;
const FLOAT_VALUE = /^(Float32|Float64|BFloat16)$/;

/**
 * Classifies `columns` (in table order) according to the settings. Pure; throws a
 * SchemaError that names the column and says what to change.
 */
export function classifyColumns(table: TableRef, columns: Column[], settings: Settings): SourceSchema {
  const where = `${table.database}.${table.name}`;
  const byName = new Map(columns.map((c) => [c.name, c]));
  const required = (name: string, role: string): Column => {
    const column = byName.get(name);
    if (!column) {
      throw new SchemaError(
        `${where} has no column ${JSON.stringify(name)} (the ${role}). Its columns are: ${columns.map((c) => c.name).join(', ')}. Set ${role === 'time column' ? 'timeColumn' : 'groupKeys'} in the config to the right name.`,
      );
    }
    return column;
  };
  const time = required(settings.timeColumn, 'time column');
  if (!/^(Nullable\()?DateTime(64)?\b/.test(time.type)) {
    throw new SchemaError(
      `The time column ${where}.${time.name} is ${time.type}; chplan needs DateTime or DateTime64.`,
    );
  }
  const groupKeys = settings.groupKeys.map((k) => required(k, 'group key'));
  if (settings.customers && !byName.has(settings.customerColumn)) {
    throw new SchemaError(
      `A customer filter was given but ${where} has no column ${JSON.stringify(settings.customerColumn)}. Set customerColumn in the config or drop --customers.`,
    );
  }
  const intPattern = new RegExp(settings.intMapPattern);
  const floatPattern = new RegExp(settings.floatMapPattern);
  const excludePatterns = settings.exclude.map(globToRegExp);
  const taken = new Set([time.name, ...groupKeys.map((c) => c.name)]);
  const maps: MetricMap[] = [];
  const dimensions: Column[] = [];
  const excluded: Column[] = [];
  for (const column of columns) {
    if (taken.has(column.name)) continue;
    if (excludePatterns.some((p) => p.test(column.name))) {
      excluded.push(column);
    } else if (intPattern.test(column.name) || floatPattern.test(column.name)) {
      maps.push(metricMap(where, column));
    } else {
      dimensions.push(column);
    }
  }
  if (maps.length === 0) {
    const excludedMaps = excluded.filter((c) => intPattern.test(c.name) || floatPattern.test(c.name));
    throw new SchemaError(
      excludedMaps.length > 0
        ? `exclude ${JSON.stringify(settings.exclude)} removes every metric Map column of ${where} (${excludedMaps.map((c) => c.name).join(', ')}), so there is nothing to flatten. Narrow the exclude patterns in the config.`
        : `${where} has no metric Map columns matching ${settings.intMapPattern} or ${settings.floatMapPattern}. Check the table name or set intMapPattern / floatMapPattern.`,
    );
  }
  return { table, time, groupKeys, dimensions, maps, excluded, columns, fingerprint: fingerprintOf(columns) };
}

function metricMap(where: string, column: Column): MetricMap {
  const match = /^Map\(\s*(?:LowCardinality\()?String\)?\s*,\s*(?:Nullable\()?([A-Za-z0-9]+)\)?\s*\)$/.exec(
    column.type,
  );
  if (!match) {
    throw new SchemaError(
      `${where}.${column.name} matches a metric map pattern but is ${column.type}; metric maps must be Map(String, <integer or float>). Exclude it or fix the pattern.`,
    );
  }
  const valueType = match[1]!;
  if (INT_VALUE.test(valueType)) return { ...column, kind: 'int', valueType };
  if (FLOAT_VALUE.test(valueType)) return { ...column, kind: 'float', valueType };
  throw new SchemaError(
    `${where}.${column.name} has values of type ${valueType}; chplan sums integer and float maps only. Exclude it in the config.`,
  );
}

/** `tagGroup*` → /^tagGroup.*$/ */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export function fingerprintOf(columns: Column[]): string {
  return createHash('sha256')
    .update(JSON.stringify(columns.map((c) => [c.name, c.type])))
    .digest('hex');
}
