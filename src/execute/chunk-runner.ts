import { setTimeout as sleep } from 'node:timers/promises';
import { quoteString } from '../core/quote.js';
import { AbortedError, ExecutionError } from '../core/errors.js';
import { halveWindow, windowParams, type Window } from '../core/windows.js';
import { statementOf } from '../plan/plan-dir.js';
import { backoffMs, classifyFailure } from './retry.js';
import { chunkQueryId, record, type RunContext } from './run-context.js';

/** The plan's statements for a staged unit. */
export interface StagedSteps {
  clearUnit: string;
  clearWindow: string;
  insert: string;
  checkStaging: string;
  publish: string;
}

/** One staged unit's chunks as the chunk runner sees them. */
export interface ChunkRun {
  ctx: RunContext;
  /** The unit's ledger key. */
  unit: string;
  steps: StagedSteps;
  /** Source rows a window reads, counted before it is loaded; absent where that costs a load (rows read = written). */
  countSource?(window: Window): Promise<number>;
  countStaging(window: Window): Promise<number>;
  beforeChunk?(window: Window): Promise<void>;
  explainFailure?(window: Window, queryId: string, cause: unknown): Promise<Error | null>;
  /** The partitions a window's rows lie in, each cleared on its own (default: the window's own). */
  partitionsOf?(window: Window): Window[];
  /** How a window that ran out of memory is split (default: in two halves of time); null where it cannot be. */
  split?(window: Window): [Window, Window] | null;
}

export interface ChunkResult {
  rowsRead: number;
  rowsWritten: number;
  seconds: number;
}

/** Removes a window's rows from staging (a retried or split chunk starts clean). */
async function clearWindow(run: ChunkRun, window: Window): Promise<void> {
  for (const part of run.partitionsOf?.(window) ?? [window]) {
    await run.ctx.engine.command(statementOf(run.ctx.plan, run.steps.clearWindow), {
      params: windowParams(part),
      step: `clear ${part.label}`,
    });
  }
}

/**
 * Loads one planned chunk into staging, after the kind's own pre-chunk check. `dirty` means
 * staging may hold rows of this window from an earlier attempt; they are removed first, so
 * nothing counts twice.
 */
export async function runChunk(run: ChunkRun, window: Window, dirty: boolean): Promise<ChunkResult> {
  const started = Date.now();
  await run.beforeChunk?.(window);
  const rowsRead = await countFirst(run, window);
  if (dirty) await clearWindow(run, window);
  const rowsWritten = await loadWindow(run, window, rowsRead);
  return { rowsRead: rowsRead ?? rowsWritten, rowsWritten, seconds: (Date.now() - started) / 1000 };
}

/** A window's source rows, where the run counts them before loading; null where it does not. */
function countFirst(run: ChunkRun, window: Window): Promise<number | null> {
  return run.countSource ? run.countSource(window) : Promise.resolve(null);
}

/**
 * Inserts a window with bounded retries; a window that runs out of memory is halved. `rowsRead` is null where the
 * source was not counted: the ledger then records the rows written as read.
 */
async function loadWindow(run: ChunkRun, window: Window, rowsRead: number | null): Promise<number> {
  const { ctx } = run;
  for (let attempt = 1; ; attempt++) {
    const queryId = chunkQueryId(ctx, window, attempt);
    const startedAt = new Date();
    const base = {
      unit: run.unit,
      window,
      step: 'chunk' as const,
      attempt,
      queryId,
      rowsRead: rowsRead ?? 0,
      startedAt,
    };
    await record(ctx, { ...base, status: 'running', rowsWritten: 0, finishedAt: startedAt });
    try {
      await ctx.engine.command(statementOf(ctx.plan, run.steps.insert), {
        params: windowParams(window),
        queryId,
        signal: ctx.signal,
        step: `insert ${window.label}`,
      });
      const rowsWritten = await run.countStaging(window);
      await record(ctx, {
        ...base,
        rowsRead: rowsRead ?? rowsWritten,
        status: 'done',
        rowsWritten,
        finishedAt: new Date(),
      });
      return rowsWritten;
    } catch (cause) {
      if (ctx.signal?.aborted) {
        await stopServerQuery(ctx, queryId);
        await record(ctx, {
          ...base,
          status: 'aborted',
          rowsWritten: 0,
          finishedAt: new Date(),
          note: 'interrupted',
        }).catch(() => {});
        throw new AbortedError(
          `Interrupted during ${window.label}; the server query ${queryId} was stopped and the ledger says aborted. The target is unchanged: resume with --resume.`,
          { cause },
        );
      }
      const kind = classifyFailure(cause);
      const message = cause instanceof Error ? cause.message : String(cause);
      await record(ctx, { ...base, status: 'failed', rowsWritten: 0, finishedAt: new Date(), error: message });
      if (kind === 'connection') await waitUntilGone(ctx, queryId);
      if (kind === 'memory') {
        const halves = run.split ? run.split(window) : halveWindow(window);
        if (halves) {
          ctx.emit({ type: 'chunk_split', window, into: halves });
          await clearWindow(run, window);
          let written = 0;
          for (const half of halves) written += await loadWindow(run, half, await countFirst(run, half));
          await record(ctx, {
            ...base,
            attempt: attempt + 1,
            status: 'done',
            rowsWritten: written,
            finishedAt: new Date(),
            note: 'loaded in halves after a memory limit',
          });
          return written;
        }
      }
      if (kind === 'fatal' || attempt >= ctx.maxAttempts) {
        const explained = await run.explainFailure?.(window, queryId, cause);
        throw (
          explained ??
          new ExecutionError(
            `Inserting ${window.label} failed after ${attempt} attempt(s) (query_id ${queryId}); the target is unchanged.\n${message}`,
            { step: run.steps.insert, chunk: window.label, queryId },
            { cause },
          )
        );
      }
      await pauseBeforeRetry(ctx, window, attempt, message);
      // The failed attempt may have written some blocks before it died.
      await clearWindow(run, window);
    }
  }
}

/** Says a window is tried again, and why, then waits the attempt's backoff. */
export async function pauseBeforeRetry(
  ctx: RunContext,
  window: Window,
  attempt: number,
  message: string,
): Promise<void> {
  const waitMs = backoffMs(attempt, ctx.backoffBaseMs);
  ctx.emit({ type: 'chunk_retry', window, attempt, reason: message.split('\n')[0]!, waitMs });
  await sleep(waitMs);
}

/** After a lost connection the query may still be running server-side: wait for it to end. */
async function waitUntilGone(ctx: RunContext, queryId: string): Promise<void> {
  for (let polls = 0; polls < 600; polls++) {
    const running = await ctx.engine
      .rows<{ n: string }>('SELECT count() AS n FROM system.processes WHERE query_id = {id:String}', {
        params: { id: queryId },
        step: 'check query',
      })
      .catch(() => [{ n: '1' }]);
    if (Number(running[0]?.n) === 0) return;
    await sleep(Math.min(5000, ctx.backoffBaseMs));
  }
}

async function stopServerQuery(ctx: RunContext, queryId: string): Promise<void> {
  if (!ctx.engine.can.killQueries) return; // an in-process engine stops with the process
  await ctx.engine
    .command(`KILL QUERY WHERE query_id = ${quoteString(queryId)} ASYNC`, { step: 'kill', timeoutSec: 10 })
    .catch(() => {});
}
