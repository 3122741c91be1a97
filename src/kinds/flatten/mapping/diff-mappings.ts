import type { MetricKind } from '../schema/source-schema.js';
import { codePointCompare } from '../../../core/code-point.js';
import type { Mapping } from './mapping.js';

export interface KeyChange {
  kind: MetricKind;
  key: string;
  column: string;
  rows: number;
}

export interface MovedKey {
  kind: MetricKind;
  key: string;
  from: string;
  to: string;
  rows: number;
}

export interface ReusedColumn {
  kind: MetricKind;
  column: string;
  before: string;
  after: string;
}

export interface MappingDiff {
  added: KeyChange[];
  removed: KeyChange[];
  /** Keys present in both whose column differs: loading both into one table mixes metrics. */
  moved: MovedKey[];
  /** Columns that hold one key in A and another in B. */
  reused: ReusedColumn[];
  /** True when B can load into a table loaded with A: no key moved and no column changed meaning. */
  compatible: boolean;
}

/** Compares two mappings key by key and column by column. Pure. */
export function diffMappings(a: Mapping, b: Mapping): MappingDiff {
  const diff: MappingDiff = { added: [], removed: [], moved: [], reused: [], compatible: true };
  for (const kind of ['int', 'float'] as const) {
    const before = new Map(a[kind].map((e) => [e.key, e]));
    const after = new Map(b[kind].map((e) => [e.key, e]));
    for (const entry of b[kind]) {
      const old = before.get(entry.key);
      if (!old) diff.added.push({ kind, key: entry.key, column: entry.column, rows: entry.rows });
      else if (old.column !== entry.column)
        diff.moved.push({ kind, key: entry.key, from: old.column, to: entry.column, rows: entry.rows });
    }
    for (const entry of a[kind]) {
      if (!after.has(entry.key)) diff.removed.push({ kind, key: entry.key, column: entry.column, rows: entry.rows });
    }
    const columnsBefore = new Map(a[kind].map((e) => [e.column, e.key]));
    for (const entry of b[kind]) {
      const previous = columnsBefore.get(entry.column);
      if (previous !== undefined && previous !== entry.key)
        diff.reused.push({ kind, column: entry.column, before: previous, after: entry.key });
    }
  }
  const byKey = (x: { kind: string; key: string }, y: { kind: string; key: string }) =>
    x.kind.localeCompare(y.kind) || codePointCompare(x.key, y.key);
  diff.added.sort(byKey);
  diff.removed.sort(byKey);
  diff.moved.sort(byKey);
  diff.compatible = diff.moved.length === 0 && diff.reused.length === 0;
  return diff;
}
