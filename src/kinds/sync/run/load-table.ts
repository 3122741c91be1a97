import { tableRows } from '../../../engine/table-columns.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { ExecutionError } from '../../../core/errors.js';
import type { LedgerRecord } from '../../../execute/ledger.js';
import { classifyFailure } from '../../../execute/retry.js';
import { pauseBeforeRetry } from '../../../execute/chunk-runner.js';
import { record, type RunContext } from '../../../execute/run-context.js';
import type { UnitSummary } from '../../../execute/run-plan.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { tableStep, tablesOf } from '../plan/sync-steps.js';
import type { SyncPlan } from '../plan/plan.js';
import { pgCommand, refuseUnreadableValues, type PgSource } from './pg-reads.js';
import { loadParams, windowOf, type SyncTable, type TableLoad } from './table-loads.js';

/**
 * Loads a table's window into fresh staging (tried again on a lost connection or a transient error) and publishes it:
 * a swap for a full refresh or an empty target, else a merge; records the watermark the next run starts from.
 */
export async function loadTable(
  ctx: RunContext<SyncPlan>,
  src: PgSource,
  unit: TableLoad,
  fullRefresh: boolean,
): Promise<UnitSummary> {
  const { engine, plan } = ctx;
  const { table, load } = unit;
  const { target, staging } = tablesOf(plan.manifest.database, table);
  const started = Date.now();
  const window = windowOf(load);
  const write = (
    fields: Pick<LedgerRecord, 'step' | 'status' | 'rowsRead' | 'rowsWritten' | 'error' | 'startedAt' | 'cursor'> &
      Partial<Pick<LedgerRecord, 'attempt' | 'sourceVersion'>>,
  ) => record(ctx, { unit: unit.key, window, attempt: 1, queryId: '', finishedAt: new Date(), ...fields });
  if (!load.hi && !fullRefresh) {
    ctx.emit({
      type: 'unit_empty',
      unit: unit.label,
      reason: 'PostgreSQL holds no rows of it yet; nothing was changed',
    });
    return { unit: unit.label, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: 0 };
  }
  const params = loadParams(table, load);
  if (load.hi) await refuseUnreadableValues(ctx, src, table.source, params);
  const loadStarted = new Date();
  // A lost connection or a transient error (too many parts, a timeout) is tried again on fresh
  // staging, as a staged chunk is; anything else fails the table with its watermark unmoved.
  let attempt = 1;
  for (; ; attempt++) {
    const attemptStarted = new Date();
    try {
      for (const type of ['drop_staging', 'create_staging'] as const)
        await engine.command(statementOf(plan, tableStep(table, type)), { step: tableStep(table, type) });
      if (load.hi) await pgCommand(ctx, src, tableStep(table, 'load'), params);
      break;
    } catch (error) {
      const message = String((error as Error).message);
      await write({
        step: 'chunk',
        status: 'failed',
        attempt,
        rowsRead: 0,
        rowsWritten: 0,
        error: message,
        startedAt: attemptStarted,
      });
      const kind = classifyFailure(error);
      if (ctx.signal?.aborted || kind === 'fatal' || kind === 'memory' || attempt >= ctx.maxAttempts) throw error;
      await pauseBeforeRetry(ctx, window, attempt, message);
    }
  }
  const staged = await tableRows(engine, staging);
  await write({
    step: 'chunk',
    status: 'done',
    attempt,
    rowsRead: staged,
    rowsWritten: staged,
    startedAt: loadStarted,
  });
  const before = await tableRows(engine, target);
  // A full refresh, or a first load into an empty target, swaps staging in: the same atomic publish, without copying
  // every row a second time.
  const swap = fullRefresh || before === 0;
  const publishStarted = new Date();
  try {
    if (swap && plan.manifest.cluster) await replacePartitions(ctx, table, fullRefresh);
    else if (swap) {
      await engine.command(statementOf(plan, tableStep(table, 'swap')), { step: tableStep(table, 'swap') });
      await engine.command(statementOf(plan, tableStep(table, 'clear_staging')), {
        step: tableStep(table, 'clear_staging'),
      });
    } else if (staged > 0) {
      // Nothing staged, nothing to publish (and no reason to read the target's keys).
      if (table.role === 'fact') await replaceMoved(ctx, table);
      await engine.command(statementOf(plan, tableStep(table, 'merge')), { step: tableStep(table, 'merge') });
    }
  } catch (cause) {
    throw new ExecutionError(
      `Publishing ${load.table} into ${formatTableRef(target)} failed: ${(cause as Error).message}. The watermark did not move: run again to load this window again (it is safe to repeat).`,
      { step: tableStep(table, swap ? 'swap' : 'merge') },
      { cause },
    );
  }
  const after = await tableRows(engine, target);
  const written = swap || table.role === 'dimension' ? staged : after - before;
  // The publish records the watermark the next run starts from (mark: hi, or the start of a transaction still open).
  await write({
    step: 'publish',
    status: 'done',
    rowsRead: staged,
    rowsWritten: written,
    startedAt: publishStarted,
    cursor: load.mark,
    sourceVersion: load.snapshot,
  });
  const seconds = (Date.now() - started) / 1000;
  ctx.emit({ type: 'chunk_done', window, rowsRead: staged, rowsWritten: written, seconds });
  ctx.emit({ type: 'unit_published', unit: unit.label, rows: written });
  return { unit: unit.label, status: 'published', rowsRead: staged, rowsWritten: written, seconds };
}

/**
 * On a cluster, staging is published into the replicated target partition by partition (REPLACE PARTITION is atomic
 * for each, and replicates); a full refresh also drops the target's partitions staging does not have.
 */
async function replacePartitions(ctx: RunContext<SyncPlan>, table: SyncTable, fullRefresh: boolean): Promise<void> {
  const { target, staging } = tablesOf(ctx.plan.manifest.database, table);
  const partitions = async (t: TableRef) =>
    (
      await ctx.engine.rows<{ id: string }>(
        'SELECT DISTINCT partition_id AS id FROM system.parts WHERE database = {db:String} AND table = {table:String} AND active ORDER BY id',
        { params: { db: t.database, table: t.name }, step: `partitions of ${formatTableRef(t)}` },
      )
    ).map((r) => r.id);
  const staged = await partitions(staging);
  const gone = fullRefresh ? (await partitions(target)).filter((p) => !staged.includes(p)) : [];
  for (const [type, ids] of [
    ['replace_partition', staged],
    ['drop_partition', gone],
  ] as const) {
    const step = tableStep(table, type);
    for (const id of ids)
      await ctx.engine.command(statementOf(ctx.plan, step), { step: `${step} ${id}`, params: { partition_id: id } });
  }
  await ctx.engine.command(statementOf(ctx.plan, tableStep(table, 'clear_staging')), {
    step: tableStep(table, 'clear_staging'),
  });
}

/**
 * A fact whose cursor moved (an upsert or UPDATE re-stamped it) is staged again under its key:
 * its earlier row is deleted so that the merge inserts the staged one, and the key is never twice
 * in the target. Counted first: the DELETE (a mutation) runs only when some moved.
 */
async function replaceMoved(ctx: RunContext<SyncPlan>, table: SyncTable): Promise<void> {
  const [row] = await ctx.engine.rows<{ moved: string }>(statementOf(ctx.plan, tableStep(table, 'count_moved')), {
    step: tableStep(table, 'count_moved'),
  });
  const moved = Number(row?.moved ?? 0);
  if (moved === 0) return;
  await ctx.engine.command(statementOf(ctx.plan, tableStep(table, 'delete_moved')), {
    step: tableStep(table, 'delete_moved'),
  });
  ctx.emit({
    type: 'warning',
    message: `${table.source}: ${moved} fact${moved === 1 ? '' : 's'} whose ${table.cursor} moved since ${moved === 1 ? 'it was' : 'they were'} loaded (an upsert or UPDATE re-stamped ${moved === 1 ? 'it' : 'them'}) replace${moved === 1 ? 's its' : ' their'} earlier row${moved === 1 ? '' : 's'}.`,
  });
}
