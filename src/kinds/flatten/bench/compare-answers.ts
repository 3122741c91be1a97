import { floatsAgree } from '../validate/evaluate.js';

const INTEGER = /^-?\d+$/;

function valuesAgree(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valuesAgree(x, b[i]));
  const x = a === null ? 'null' : String(a);
  const y = b === null ? 'null' : String(b);
  if (x === y) return true;
  if (INTEGER.test(x) && INTEGER.test(y)) return BigInt(x) === BigInt(y);
  const nx = Number(x);
  const ny = Number(y);
  return !Number.isNaN(nx) && !Number.isNaN(ny) ? floatsAgree(nx, ny) : false;
}

/**
 * Compares two ordered query answers row by row, positionally by column: integers
 * exactly, other numbers within the validation tolerance. Returns null when they agree,
 * else a description of the first difference. Pure.
 */
export function answersDiffer(a: Record<string, unknown>[], b: Record<string, unknown>[]): string | null {
  if (a.length !== b.length) return `${a.length} rows vs ${b.length} rows`;
  for (let i = 0; i < a.length; i++) {
    const x = Object.values(a[i]!);
    const y = Object.values(b[i]!);
    if (x.length !== y.length) return `row ${i + 1}: ${x.length} columns vs ${y.length}`;
    const column = x.findIndex((v, j) => !valuesAgree(v, y[j]));
    if (column >= 0)
      return `row ${i + 1}, column ${column + 1}: ${JSON.stringify(x[column])} vs ${JSON.stringify(y[column])}`;
  }
  return null;
}
