import { setTimeout as sleep } from 'node:timers/promises';
import { quoteString, quoteTable } from '../core/quote.js';
import { windowFilter } from '../compile/window-filter.js';
import { AbortedError, ExecutionError, UnmappedKeysError } from '../core/errors.js';
import { INT64_GUARD_MARK, UNMAPPED_GUARD_MARK } from '../compile/metric-expressions.js';
import { statementOf } from '../plan/plan-dir.js';
import { backoffMs, classifyFailure } from './retry.js';
import { chunkQueryId, record, type RunContext } from './run-context.js';
import { halveWindow } from '../core/windows-split.js';
import { windowParams, type Window } from '../core/windows.js';

export interface ChunkResult {
  rowsRead: number;
  rowsWritten: number;
  seconds: number;
}

/** Source rows in a window (after the plan's customer filter). */
export async function countSource(ctx: RunContext, window: Window): Promise<number> {
  const m = ctx.plan.manifest;
  const [row] = await ctx.engine.rows<{ rows: string }>(`SELECT count() AS rows FROM ${quoteTable(m.tables.source)} WHERE ${windowFilter(m)}`, { params: windowParams(window), step: 'count source' });
  return Number(row?.rows ?? 0);
}

/** Rows staging holds in a window (whatever customers, e.g. ones kept for the publish). */
export async function countStaging(ctx: RunContext, window: Window): Promise<number> {
  const m = ctx.plan.manifest;
  const [row] = await ctx.engine.rows<{ rows: string }>(
    `SELECT count() AS rows FROM ${quoteTable(m.tables.staging)} WHERE ${windowFilter({ ...m, customers: null })}`,
    { params: windowParams(window), step: 'count staging' },
  );
  return Number(row?.rows ?? 0);
}

async function clearWindow(ctx: RunContext, window: Window): Promise<void> {
  await ctx.engine.command(statementOf(ctx.plan, 'clear_staging_window'), { params: windowParams(window), step: `clear ${window.label}` });
}

async function unmappedKeys(ctx: RunContext, window: Window): Promise<{ map: string; key: string; rows: string }[]> {
  return ctx.engine.rows(statementOf(ctx.plan, 'preflight_unmapped_keys'), { params: windowParams(window), step: 'preflight' });
}

/**
 * Loads one planned chunk into staging, after the preflight for unmapped keys unless the
 * insert checks them itself. `dirty` means staging may hold rows of this window from an
 * earlier attempt; they are removed first, so nothing counts twice.
 */
export async function runChunk(ctx: RunContext, window: Window, dirty: boolean): Promise<ChunkResult> {
  const started = Date.now();
  if (!ctx.plan.manifest.insertChecksUnmappedKeys) {
    const unmapped = await unmappedKeys(ctx, window);
    if (unmapped.length > 0) throw unmappedKeysError(ctx, window, unmapped);
  }
  const rowsRead = await countSource(ctx, window);
  if (dirty) await clearWindow(ctx, window);
  const rowsWritten = await loadWindow(ctx, window, rowsRead);
  return { rowsRead, rowsWritten, seconds: (Date.now() - started) / 1000 };
}

/** Inserts a window with bounded retries; a window that runs out of memory is halved. */
async function loadWindow(ctx: RunContext, window: Window, rowsRead: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const queryId = chunkQueryId(ctx, window, attempt);
    const startedAt = new Date();
    const base = { window, step: 'chunk' as const, attempt, queryId, rowsRead, startedAt };
    await record(ctx, { ...base, status: 'running', rowsWritten: 0, finishedAt: startedAt, error: '' });
    try {
      await ctx.engine.command(statementOf(ctx.plan, 'insert_chunk'), { params: windowParams(window), queryId, signal: ctx.signal, step: `insert ${window.label}` });
      const rowsWritten = await countStaging(ctx, window);
      await record(ctx, { ...base, status: 'done', rowsWritten, finishedAt: new Date(), error: '' });
      return rowsWritten;
    } catch (cause) {
      if (ctx.signal?.aborted) {
        await stopServerQuery(ctx, queryId);
        await record(ctx, { ...base, status: 'aborted', rowsWritten: 0, finishedAt: new Date(), error: 'interrupted' }).catch(() => {});
        throw new AbortedError(`Interrupted during ${window.label}; the server query ${queryId} was stopped and the ledger says aborted. The target is unchanged: resume with --resume.`, { cause });
      }
      const kind = classifyFailure(cause);
      const message = cause instanceof Error ? cause.message : String(cause);
      await record(ctx, { ...base, status: 'failed', rowsWritten: 0, finishedAt: new Date(), error: message });
      if (kind === 'connection') await waitUntilGone(ctx, queryId);
      if (kind === 'memory') {
        const halves = halveWindow(window);
        if (halves) {
          ctx.emit({ type: 'chunk_split', window, into: halves });
          await clearWindow(ctx, window);
          let written = 0;
          for (const half of halves) written += await loadWindow(ctx, half, await countSource(ctx, half));
          await record(ctx, { ...base, attempt: attempt + 1, status: 'done', rowsWritten: written, finishedAt: new Date(), error: 'loaded in halves after a memory limit' });
          return written;
        }
      }
      if (kind === 'fatal' || attempt >= ctx.maxAttempts) throw await explainFailure(ctx, window, queryId, attempt, cause);
      const waitMs = backoffMs(attempt, ctx.backoffBaseMs);
      ctx.emit({ type: 'chunk_retry', window, attempt, reason: message.split('\n')[0]!, waitMs });
      await sleep(waitMs);
      // The failed attempt may have written some blocks before it died.
      await clearWindow(ctx, window);
    }
  }
}

/** After a lost connection the query may still be running server-side: wait for it to end. */
async function waitUntilGone(ctx: RunContext, queryId: string): Promise<void> {
  for (let polls = 0; polls < 600; polls++) {
    const running = await ctx.engine
      .rows<{ n: string }>('SELECT count() AS n FROM system.processes WHERE query_id = {id:String}', { params: { id: queryId }, step: 'check query' })
      .catch(() => [{ n: '1' }]);
    if (Number(running[0]?.n) === 0) return;
    await sleep(Math.min(5000, ctx.backoffBaseMs));
  }
}

async function stopServerQuery(ctx: RunContext, queryId: string): Promise<void> {
  if (ctx.engine.kind !== 'http') return; // the embedded engine stops with the process
  await ctx.engine.command(`KILL QUERY WHERE query_id = ${quoteString(queryId)} ASYNC`, { step: 'kill', timeoutSec: 10 }).catch(() => {});
}

function unmappedKeysError(ctx: RunContext, window: Window, rows: { map: string; key: string; rows: string }[]): UnmappedKeysError {
  const keys = rows.map((r) => ({ key: r.key, map: r.map, rows: Number(r.rows) }));
  const shown = keys.slice(0, 20).map((k) => `  ${k.map}: ${JSON.stringify(k.key)} (${k.rows} rows)`).join('\n');
  return new UnmappedKeysError(
    `The source has ${keys.length} key(s) in ${window.label} that mapping v${ctx.plan.mapping.version} does not map; loading would silently drop them, so nothing was inserted for this chunk and the target is unchanged:\n${shown}${keys.length > 20 ? `\n  … and ${keys.length - 20} more` : ''}\n` +
      `Extend the mapping and recompile:\n  chplan discover --day ${window.day} --base mapping.json --out mapping.json && chplan compile --mapping mapping.json --out ${ctx.plan.dir}`,
    keys,
  );
}

async function explainFailure(ctx: RunContext, window: Window, queryId: string, attempts: number, cause: unknown): Promise<Error> {
  const message = cause instanceof Error ? cause.message : String(cause);
  const details = { step: 'insert_chunk', chunk: window.label, queryId };
  if (message.includes(UNMAPPED_GUARD_MARK)) {
    // Blocks written before the guard fired are removed, so staging holds nothing of the chunk.
    await clearWindow(ctx, window);
    const unmapped = await unmappedKeys(ctx, window);
    if (unmapped.length > 0) return unmappedKeysError(ctx, window, unmapped);
  }
  const guardTripped = message.includes(INT64_GUARD_MARK);
  if ((guardTripped || /cannot be safely converted|CANNOT_CONVERT_TYPE/i.test(message)) && ctx.plan.sql.diagnose_overflow) {
    return explainOverflow(ctx, window, guardTripped, details, cause);
  }
  return new ExecutionError(`Inserting ${window.label} failed after ${attempts} attempt(s) (query_id ${queryId}); the target is unchanged.\n${message}`, details, { cause });
}

/** Names the group and key whose sum does not fit, found by a query that sums in Int256. */
async function explainOverflow(ctx: RunContext, window: Window, guardTripped: boolean, details: ExecutionError['details'], cause: unknown): Promise<ExecutionError> {
  const { intType } = ctx.plan.manifest;
  const [culprit] = await ctx.engine
    .rows<{ minute: string; group_keys: string[]; key: string; total: string }>(statementOf(ctx.plan, 'diagnose_overflow'), { params: windowParams(window), step: 'diagnose overflow' })
    .catch(() => []);
  const fix = /64$/.test(intType)
    ? `${intType} is the widest int type chplan writes: correct or exclude the source rows.`
    : `Recompile with a wider type and run again: chplan compile --int-type Int64 --out ${ctx.plan.dir}`;
  const where = culprit ? `key ${JSON.stringify(culprit.key)} sums to ${culprit.total} in group (${culprit.minute}, ${culprit.group_keys.join(', ')}), ` : '';
  const text = culprit || !guardTripped
    ? `An integer sum in ${window.label} does not fit ${intType}: ${where}so the chunk was stopped instead of wrapping. The target is unchanged.\n${fix}`
    : `Integer values in ${window.label} are too large to sum safely in 64 bits (one group's values add up to 2^62 or more in absolute value), although every sum fits ${intType}. ` +
      'The chunk was stopped and the target is unchanged. Values this large usually mean corrupt source rows; find them with the diagnose query in the plan (16_diagnose_overflow.sql without its HAVING).';
  return new ExecutionError(text, details, { cause });
}
