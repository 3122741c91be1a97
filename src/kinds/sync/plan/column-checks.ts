import { quoteIdent } from '../../../core/quote.js';
import { pgIdent } from '../../../engine/postgres.js';
import type { SourceColumn } from './sync-steps.js';

const TIMESTAMP = /^timestamp/;

export interface ColumnCheck {
  alias: string;
  label: string;
  clickhouse: string;
  postgres: string;
  /** Floating-point sums depend on the order of addition: compared with a relative tolerance. */
  approximate: boolean;
}

/**
 * What of a column's values ClickHouse's PostgreSQL reader would not read exactly, as a PostgreSQL condition with what
 * it means, or null: dates and timestamps outside 1900–2299 (Date32 and DateTime64 clamp them silently: 1899-12-31
 * becomes 1970-01-01) including ±infinity, and subnormal floats (which it cannot parse: the load would abort). Pure.
 */
export function valueHazard(column: SourceColumn): { condition: string; what: string } | null {
  const hazard = typeHazard(column);
  if (!column.keyOfView) return hazard;
  const c = pgIdent(column.name);
  return {
    condition: hazard ? `${c} IS NULL OR ${hazard.condition}` : `${c} IS NULL`,
    what: `NULL keys (a view's key, taken as the spec declares it)${hazard ? ` or ${hazard.what}` : ''}`,
  };
}

function typeHazard(column: SourceColumn): { condition: string; what: string } | null {
  const c = pgIdent(column.name);
  const t = column.pgType;
  if (t === 'date')
    return {
      condition: `${c} < date '1900-01-01' OR ${c} > date '2299-12-31'`,
      what: 'dates before 1900 or after 2299 (or ±infinity)',
    };
  if (TIMESTAMP.test(t))
    return {
      condition: `${c} < '1900-01-01 00:00:00+00' OR ${c} >= '2300-01-01 00:00:00+00'`,
      what: 'timestamps before 1900 or after 2299 (or ±infinity)',
    };
  if (t.endsWith('[]'))
    return column.nullable
      ? {
          condition: `${c} IS NULL OR array_ndims(${c}) > 1`,
          what: 'NULL arrays (ClickHouse reads them as empty) or arrays of more than one dimension',
        }
      : {
          // ClickHouse reads the elements of a NOT NULL array column as non-NULL: a NULL element would become 0 or ''.
          condition: `array_ndims(${c}) > 1 OR array_position(${c}, NULL) IS NOT NULL`,
          what: 'arrays of more than one dimension, or with a NULL element (read as 0 or an empty string)',
        };
  const smallest = t === 'real' ? '1.17549435e-38' : t === 'double precision' ? '2.2250738585072014e-308' : null;
  if (smallest)
    return { condition: `${c} <> 0 AND abs(${c}) < ${smallest}`, what: 'subnormal floats (such as 5e-324)' };
  return null;
}

/** The validation totals of a column, as both engines compute them (none for uuid). Pure. */
export function columnCheck(column: SourceColumn, index: number): ColumnCheck[] {
  // Qualified, so a column named like an alias of the query (m, n, c0) is still the column.
  const ch = `src.${quoteIdent(column.name)}`;
  const pg = pgIdent(column.name);
  const alias = `c${index}`;
  const checks: ColumnCheck[] = [];
  const add = (check: Omit<ColumnCheck, 'alias' | 'approximate'> & { approximate?: boolean }, suffix = '') =>
    checks.push({ alias: `${alias}${suffix}`, approximate: false, ...check });
  const t = column.pgType;
  if (['smallint', 'integer', 'bigint'].includes(t)) {
    add({ label: `sum(${column.name})`, clickhouse: `sum(toInt128(${ch}))`, postgres: `sum(${pg})::text` });
  } else if (t === 'numeric') {
    add({ label: `sum(${column.name})`, clickhouse: `sum(${ch})`, postgres: `sum(${pg})::text` });
  } else if (t === 'real' || t === 'double precision') {
    add({
      label: `sum(${column.name})`,
      clickhouse: `sum(toFloat64(${ch}))`,
      postgres: `sum(${pg}::float8)::text`,
      approximate: true,
    });
  } else if (t === 'boolean') {
    add({
      label: `count(${column.name} is true)`,
      clickhouse: `countIf(${ch} = 1)`,
      postgres: `count(*) filter (where ${pg})::text`,
    });
  } else if (TIMESTAMP.test(t)) {
    add({
      label: `sum of ${column.name} in µs`,
      clickhouse: `sum(toInt128(toUnixTimestamp64Micro(${ch})))`,
      postgres: `sum(round(extract(epoch from ${pg}) * 1000000))::text`,
    });
  } else if (t === 'date') {
    add({
      label: `sum of ${column.name} in days`,
      clickhouse: `sum(toInt64(toInt32(${ch})))`,
      postgres: `sum(${pg} - date '1970-01-01')::text`,
    });
  } else if (t.endsWith('[]')) {
    add({
      label: `elements of ${column.name}`,
      clickhouse: `sum(length(${ch}))`,
      postgres: `sum(cardinality(${pg}))::text`,
    });
    add(
      {
        label: `NULL elements of ${column.name}`,
        clickhouse: `sum(arrayCount(x -> isNull(x), ${ch}))`,
        postgres: `sum(cardinality(${pg}) - cardinality(array_remove(${pg}, NULL)))::text`,
      },
      'n',
    );
    return checks;
  } else if (t === 'character') {
    // char(n) is blank-padded: ClickHouse holds PostgreSQL's padded output, whose trailing blanks PostgreSQL's own
    // char_length ignores, as it does here.
    add({
      label: `characters of ${column.name} (without trailing blanks)`,
      clickhouse: `sum(lengthUTF8(trimRight(${ch})))`,
      postgres: `sum(char_length(${pg}))::text`,
    });
  } else if (['text', 'character varying', 'json', 'jsonb'].includes(t)) {
    add({
      label: `characters of ${column.name}`,
      clickhouse: `sum(lengthUTF8(${ch}))`,
      postgres: `sum(char_length(${pg}::text))::text`,
    });
  }
  if (column.nullable)
    add({ label: `non-NULL ${column.name}`, clickhouse: `count(${ch})`, postgres: `count(${pg})::text` }, 'n');
  return checks;
}
