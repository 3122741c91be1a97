import type { RunContext } from '../../../execute/run-context.js';
import { SafetyError } from '../../../core/errors.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { pgParams, throughPg, type PgConnection } from '../../../engine/postgres.js';
import { tableStep } from '../plan/sync-steps.js';
import type { SyncPlan } from '../plan/plan.js';

/**
 * Where a sync reads PostgreSQL: the connection, and this run's named collection (no password in it: each statement
 * passes the password).
 */
export interface PgSource {
  pg: PgConnection;
  collection: string;
  /** On a cluster, the run's shard: every statement reading a sharded table's rows takes it. */
  shard?: number;
}

/** What reads the plan's statements. */
type Reader = Pick<RunContext<SyncPlan>, 'engine' | 'plan'>;

/** A statement of the plan that reads PostgreSQL: its rows, with errors that name no password. */
export function pgStep<T>(ctx: Reader, src: PgSource, step: string, params?: Record<string, unknown>): Promise<T[]> {
  return throughPg(src.pg, () =>
    ctx.engine.rows<T>(statementOf(ctx.plan, step), {
      step,
      params: { ...params, ...shardParams(src), ...pgParams(src.collection, src.pg) },
    }),
  );
}

function shardParams(src: PgSource): { shard?: number } {
  return src.shard === undefined ? {} : { shard: src.shard };
}

export function pgCommand(ctx: Reader, src: PgSource, step: string, params?: Record<string, unknown>): Promise<void> {
  return throughPg(
    src.pg,
    async () =>
      void (await ctx.engine.command(statementOf(ctx.plan, step), {
        step,
        params: { ...params, ...shardParams(src), ...pgParams(src.collection, src.pg) },
      })),
  );
}

/**
 * Refuses a table whose load window holds values ClickHouse's PostgreSQL reader would clamp silently or could not
 * read (its check_values statement, counted by PostgreSQL): nothing of it is loaded and its watermark stays.
 */
export async function refuseUnreadableValues(
  ctx: Reader,
  src: PgSource,
  source: string,
  params: Record<string, unknown>,
): Promise<void> {
  const step = tableStep(source, 'check_values');
  if (ctx.plan.sql[step] === undefined) return;
  const [counts] = await pgStep<Record<string, string>>(ctx, src, step, params);
  // Each column answers its count and what it means: '2 dates before 1900 or after 2299 (or ±infinity)'.
  const found = Object.entries(counts ?? {}).filter(([, answer]) => parseInt(answer, 10) > 0);
  if (found.length === 0) return;
  throw new SafetyError(
    `${source}: rows in this run's window hold values ClickHouse would not read exactly: ${found.map(([column, answer]) => `${column}: ${answer}`).join('; ')}. ` +
      `Each would arrive changed without a word (a date of 1899 as 1970-01-01, a NULL array as an empty one) or stop the load, so nothing of ${source} was loaded and its watermark did not move. ` +
      'Correct the values in PostgreSQL, or sync a view that maps them (e.g. to NULL, or clamped on purpose) and name the view in the spec.',
  );
}
