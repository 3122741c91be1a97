import { quoteString } from '../../../core/quote.js';
import { pgIdent } from '../../../engine/postgres.js';
import type { SyncSpec, SyncTableSpec } from './spec.js';

/** A source table's name as PostgreSQL reads it: schema-qualified, quoted. Pure. */
export function pgTableName(spec: Pick<SyncSpec, 'source'>, source: string): string {
  return `${pgIdent(spec.source.schema)}.${pgIdent(source)}`;
}

/** A query's lines, as a plan's comments show them. Pure. */
export function queryLines(query: string): string[] {
  return query.split('\n');
}

/** Where a run's values go in PostgreSQL query text (no identifier or literal can hold the control character). */
const LO = '\u0001lo\u0001';
const HI = '\u0001hi\u0001';
const SINCE = '\u0001since\u0001';
const SHARD = '\u0001shard\u0001';

/**
 * PostgreSQL query text with the run's values written in where LO, HI and SINCE stand. A table function's arguments
 * take no query parameters, but constant expressions of them: the bounds are DateTime64 parameters, so only a
 * timestamp can be written there, and a snapshot that is not one becomes text PostgreSQL refuses.
 */
export function withRunValues(text: string): string {
  const value: Record<string, string> = {
    [LO]: "toString({lo:DateTime64(6, 'UTC')})",
    [HI]: "toString({hi:DateTime64(6, 'UTC')})",
    [SINCE]: "if(match({since:String}, '^[0-9]+:[0-9]+:[0-9,]*$'), {since:String}, 'not a snapshot')",
    [SHARD]: 'toString({shard:UInt32})',
  };
  const parts = text.split(/(\u0001(?:lo|hi|since|shard)\u0001)/);
  return `concat(${parts.map((part, i) => (i % 2 === 1 ? value[part] : quoteString(part))).join(', ')})`;
}

/** The PostgreSQL condition on a cursor in the run's window (lo, hi]. */
export function cursorWindow(cursor: string): string {
  const c = pgIdent(cursor);
  return `${c} > '${LO}+00' AND ${c} <= '${HI}+00'`;
}

/**
 * PostgreSQL SQL widening a 32-bit transaction id (`xmin`, as bigint) to the 64-bit id pg_visible_in_snapshot takes,
 * with the epoch of `next` (PostgreSQL's next 64-bit id): one epoch back when the id is greater than next's low half
 * (it was assigned before the counter wrapped); never below 3, the first normal id (older than any snapshot).
 */
export function widenedXid(next: string, xmin: string): string {
  return `greatest((((${next} >> 32) - ((${xmin} > (${next} & 4294967295))::int)) << 32) | ${xmin}, 3)`;
}

/**
 * The PostgreSQL condition on the rows a load of `table` reads: its cursor in the window (lo, hi]; for a table captured
 * by transactions, also every row whose writing transaction the previous load's snapshot (`since`) does not see.
 */
export function changedRows(table: Pick<SyncTableSpec, 'cursor' | 'capture'>): string {
  const window = cursorWindow(table.cursor);
  if (table.capture !== 'transactions') return window;
  const xid8 = `${widenedXid('(SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint)', 'xmin::text::bigint')}::text::xid8`;
  return `(${window}) OR NOT pg_visible_in_snapshot(${xid8}, '${SINCE}'::pg_snapshot)`;
}

/**
 * The PostgreSQL condition on the rows of a sharded table that belong to the run's shard (0-based, of `shards`): a
 * hash of the key computed by PostgreSQL, so each shard is sent only its rows. `hashtextextended` is stable across
 * PostgreSQL versions and platforms (it backs hash partitioning). Pure.
 */
export function shardCondition(primaryKey: string[], shards: number): string {
  const hash = `hashtextextended(row(${primaryKey.map(pgIdent).join(', ')})::text, 0)`;
  return `((${hash} % ${shards}) + ${shards}) % ${shards} = ${SHARD}`;
}

/** A query's text as comments show it: the run's values by name. Pure. */
export function shownQuery(text: string): string[] {
  return queryLines(
    text.replaceAll(LO, '<lo>').replaceAll(HI, '<hi>').replaceAll(SINCE, '<since>').replaceAll(SHARD, '<shard>'),
  );
}
