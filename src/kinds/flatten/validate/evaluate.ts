import type { Check, CheckStatus } from '../../../validate/report.js';
import type { Mapping } from '../mapping/mapping.js';

/** The raw answers of the plan's validation queries for one day. */
export interface ValidationInputs {
  rowCount: { source_rows: string; source_groups: string; target_rows: string };
  sourceSums: { kind: string; key: string; int_total: string; float_total: string }[];
  targetSums: Record<string, string>;
  unmapped: { map: string; key: string; rows: string }[];
  spotSource: {
    minute: string;
    group_keys: string[];
    kind: string;
    key: string;
    int_total: string;
    float_total: string;
  }[];
  spotTarget: { minute: string; group_keys: string[]; ints: string[]; floats: string[] }[];
  dimensions: { groups: string; example: string };
}

export const FLOAT_TOLERANCE = 1e-6;

/** Floats agree when both are NaN, equal infinities, or within FLOAT_TOLERANCE relative. */
export function floatsAgree(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= FLOAT_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1e-9);
}

type Sums = { int_total: string; float_total: string };

const sumKey = (kind: string, key: string) => `${kind}\u0000${key}`;

/** A key's source sum of one kind; a key absent from the source sums to 0. */
function expectedSum(kind: 'int' | 'float', sums: Sums | undefined): string {
  return sums ? (kind === 'int' ? sums.int_total : sums.float_total) : '0';
}

/** Ints compare exactly, floats within FLOAT_TOLERANCE; a missing value never agrees. */
function sumsAgree(kind: 'int' | 'float', expected: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return kind === 'int' ? BigInt(expected) === BigInt(actual) : floatsAgree(Number(expected), Number(actual));
}

const MAX_PROBLEMS = 25;

/** Turns validation answers into checks. Pure: every number comes from `inputs`. */
export function evaluateDay(mapping: Mapping, inputs: ValidationInputs): Check[] {
  const empty = Number(inputs.rowCount.source_rows) === 0 && Number(inputs.rowCount.target_rows) === 0;
  const spot: Check = empty
    ? { name: 'spot check', status: 'warn', detail: 'the day is empty in source and target: nothing to sample' }
    : spotCheck(mapping, inputs);
  return [rowCountCheck(inputs), keySumsCheck(mapping, inputs), spot, unmappedCheck(inputs), dimensionsCheck(inputs)];
}

function rowCountCheck({ rowCount }: ValidationInputs): Check {
  const groups = Number(rowCount.source_groups);
  const rows = Number(rowCount.target_rows);
  return {
    name: 'row count',
    status: groups === rows ? 'pass' : 'fail',
    detail: `${rowCount.source_rows} source rows form ${groups} groups; target has ${rows} rows`,
  };
}

function keySumsCheck(mapping: Mapping, { sourceSums, targetSums }: ValidationInputs): Check {
  const source = new Map(sourceSums.map((r) => [sumKey(r.kind, r.key), r]));
  const problems: unknown[] = [];
  let compared = 0;
  for (const kind of ['int', 'float'] as const) {
    for (const entry of mapping[kind]) {
      const expected = expectedSum(kind, source.get(sumKey(kind, entry.key)));
      const actual = targetSums[entry.column];
      compared++;
      if (!sumsAgree(kind, expected, actual))
        problems.push({ kind, key: entry.key, column: entry.column, source: expected, target: actual ?? 'missing' });
    }
  }
  return {
    name: 'per-key sums',
    status: problems.length === 0 ? 'pass' : 'fail',
    detail: `${compared - problems.length}/${compared} mapped keys match (ints exact, floats within ${FLOAT_TOLERANCE} relative)`,
    problems: problems.slice(0, MAX_PROBLEMS),
  };
}

function spotCheck(mapping: Mapping, { spotSource, spotTarget }: ValidationInputs): Check {
  const groupId = (minute: string, keys: string[]) => JSON.stringify([minute, ...keys]);
  const sums = new Map<string, Map<string, Sums>>();
  for (const row of spotSource) {
    const id = groupId(row.minute, row.group_keys);
    if (!sums.has(id)) sums.set(id, new Map());
    sums.get(id)!.set(sumKey(row.kind, row.key), row);
  }
  const problems: unknown[] = [];
  let values = 0;
  for (const row of spotTarget) {
    const id = groupId(row.minute, row.group_keys);
    const expected = sums.get(id) ?? new Map();
    for (const kind of ['int', 'float'] as const) {
      const actuals = kind === 'int' ? row.ints : row.floats;
      mapping[kind].forEach((entry, i) => {
        const want = expectedSum(kind, expected.get(sumKey(kind, entry.key)));
        const got = actuals[i];
        values++;
        if (!sumsAgree(kind, want, got))
          problems.push({
            group: JSON.parse(id),
            key: entry.key,
            column: entry.column,
            source: want,
            target: got ?? 'missing',
          });
      });
    }
  }
  const status: CheckStatus = spotTarget.length === 0 ? 'fail' : problems.length === 0 ? 'pass' : 'fail';
  return {
    name: 'spot check',
    status,
    detail:
      spotTarget.length === 0
        ? 'no target groups to sample'
        : `${spotTarget.length} sampled groups, ${values} values compared, ${problems.length} differ`,
    problems: problems.slice(0, MAX_PROBLEMS),
  };
}

function unmappedCheck({ unmapped }: ValidationInputs): Check {
  return {
    name: 'unmapped keys',
    status: unmapped.length === 0 ? 'pass' : 'fail',
    detail:
      unmapped.length === 0
        ? 'every source key has a column'
        : `${unmapped.length} (map, key) pairs in the source have no column; their values are not in the target`,
    problems: unmapped.slice(0, MAX_PROBLEMS).map((r) => ({ map: r.map, key: r.key, rows: Number(r.rows) })),
  };
}

function dimensionsCheck({ dimensions }: ValidationInputs): Check {
  const groups = Number(dimensions.groups);
  return {
    name: 'dimension consistency',
    // The target keeps one source row's values per group: a real loss of information, but not of metrics.
    status: groups === 0 ? 'pass' : 'warn',
    detail:
      groups === 0
        ? 'every group has one value per dimension column'
        : `${groups} groups have differing dimension values (e.g. ${dimensions.example}); the target keeps one of them`,
  };
}
