import type { ValidationInputs } from './evaluate.js';

function add(a: string, b: string, integer: boolean): string {
  return integer ? (BigInt(a) + BigInt(b)).toString() : String(Number(a) + Number(b));
}

/**
 * Adds up the row counts and per-key / per-column sums of several shards, for checking
 * a cluster's totals. Spot checks, unmapped keys and dimensions stay per shard. Pure.
 */
export function combineTotals(
  parts: ValidationInputs[],
): Pick<ValidationInputs, 'rowCount' | 'sourceSums' | 'targetSums'> {
  const rowCount = { source_rows: '0', source_groups: '0', target_rows: '0' };
  const sources = new Map<string, ValidationInputs['sourceSums'][number]>();
  const targets: Record<string, string> = {};
  for (const part of parts) {
    for (const field of ['source_rows', 'source_groups', 'target_rows'] as const)
      rowCount[field] = add(rowCount[field], part.rowCount[field], true);
    for (const row of part.sourceSums) {
      const id = `${row.kind}\u0000${row.key}`;
      const sum = sources.get(id);
      sources.set(
        id,
        sum
          ? {
              ...sum,
              int_total: add(sum.int_total, row.int_total, true),
              float_total: add(sum.float_total, row.float_total, false),
            }
          : { ...row },
      );
    }
    for (const [column, value] of Object.entries(part.targetSums)) {
      targets[column] = column in targets ? add(targets[column]!, value, column.startsWith('int')) : value;
    }
  }
  return { rowCount, sourceSums: [...sources.values()], targetSums: targets };
}
