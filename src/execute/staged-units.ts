import { AbortedError, SafetyError } from '../core/errors.js';
import { chunksOfDay, dayWindow, windowParams, type ChunkSpec, type Window } from '../core/windows.js';
import { statementOf, type LoadedPlan } from '../plan/plan-dir.js';
import { runChunk, type ChunkRun, type StagedSteps } from './chunk-runner.js';
import { latestByWindow, windowKey, type LedgerRow } from './ledger.js';
import { record, type RunAdapter, type RunContext, type Unit, type UnitSummary } from './run-context.js';

/** A unit published as one partition of a target: its whole window, and the chunks it is loaded in. */
export interface StagedUnit extends Unit {
  /** The ledger's day for the unit's rows: the day itself, or a partition's first day. */
  day: string;
  whole: Window;
  windows: Window[];
  /** Why the unit is empty without reading anything (a date the zone's clocks skipped), if it is. */
  emptyBecause?: string;
  /**
   * The partitions the unit publishes, in order, where they are not simply its whole window (a stream aggregate's
   * span of days): each is checked, replaced and cleared on its own, and a window that runs out of memory is split
   * only between them, never inside one.
   */
  partitions?: Window[];
}

/** What a kind whose units are staged partitions tells the staging runner. */
export interface StagedAdapter<P extends LoadedPlan, U extends StagedUnit> {
  steps(unit: U): StagedSteps;
  /** The staging table, as a person finds it (named when a publish is refused). */
  stagingName(ctx: RunContext<P>, unit: U): string;
  /** Source rows a window reads (also the dry run's estimate). */
  countSource(ctx: RunContext<P>, unit: U, window: Window): Promise<number>;
  /** Rows staging holds in a window. */
  countStaging(ctx: RunContext<P>, unit: U, window: Window): Promise<number>;
  /** Before each chunk's insert (e.g. a preflight that refuses keys the plan would drop). */
  beforeChunk?(ctx: RunContext<P>, window: Window): Promise<void>;
  /** A clearer error for a failed insert, or null to report it as it is. */
  explainFailure?(ctx: RunContext<P>, window: Window, queryId: string, cause: unknown): Promise<Error | null>;
  /**
   * Just before a unit is published: may stage more rows (e.g. other customers' rows to keep) and
   * check what is staged; a failing check throws a SafetyError and nothing is published.
   */
  beforePublish?(ctx: RunContext<P>, unit: U): Promise<void>;
  /** A unit whose source is empty: what to do about a target that still holds it (stream drops the emptied day). */
  whenEmpty?(ctx: RunContext<P>, unit: U): Promise<UnitSummary | null>;
  /**
   * A partition of a unit of several that staged nothing while others did: empties it in the target, returning the rows
   * that held (a unit of several partitions needs it, or such a partition would keep rows its recomputation dropped).
   */
  emptyPartition?(ctx: RunContext<P>, unit: U, partition: Window): Promise<number>;
  /** Whether chunks staged by an earlier run may be kept on --resume (false when staging depends on the target). */
  keepsStagedChunks: boolean;
  /** A unit whose chunks wrote nothing is recorded as published without touching the target (insert-only publishes). */
  publishesNothingWhenEmpty: boolean;
  /**
   * Whether counting a window's source costs as much as loading it (a stream aggregate's day is counted by recomputing
   * it): its units are then loaded without counting first, found empty when they stage nothing, and their chunks'
   * rows read are the rows they wrote. The dry run still counts.
   */
  countingCostsALoad?: boolean;
}

/** The partitions a unit publishes that lie in `window` (its whole window by default). Pure. */
export function partitionsIn(unit: StagedUnit, window: Window = unit.whole): Window[] {
  if (!unit.partitions) return [window];
  return unit.partitions.filter((p) => p.start >= window.start && p.end <= window.end);
}

/** A window of a unit of several partitions split between them, the earlier half the larger; null for one. Pure. */
export function splitBetweenPartitions(unit: StagedUnit, window: Window): [Window, Window] | null {
  const parts = partitionsIn(unit, window);
  if (parts.length < 2) return null;
  const middle = Math.ceil(parts.length / 2);
  const span = (from: Window, to: Window): Window => ({
    ...window,
    day: from.day,
    start: from.start,
    end: to.end,
    label: from === to ? from.label : `${from.label}..${to.day}`,
  });
  return [span(parts[0]!, parts[middle - 1]!), span(parts[middle]!, parts.at(-1)!)];
}

/** Units of whole days in `zone`, each chunked as asked. */
export function dayUnits(days: string[], zone: string, chunk: ChunkSpec): StagedUnit[] {
  return days.map((day) => {
    const whole = dayWindow(day, zone);
    const emptyBecause =
      whole.start === whole.end
        ? `this date does not exist in ${zone} (its clocks skipped it), so it is an empty day; nothing was changed`
        : undefined;
    return { key: day, label: day, day, whole, windows: chunksOfDay(day, zone, chunk), emptyBecause };
  });
}

/**
 * The shared runner's part for units that are staged, checked and published as one partition:
 * each chunk is inserted into staging (retried, halved when out of memory, kept on --resume when
 * the ledger and staging agree), then the unit is checked and published atomically.
 */
export function stagedUnits<P extends LoadedPlan, U extends StagedUnit>(
  staged: StagedAdapter<P, U>,
): Pick<RunAdapter<P, U>, 'chunks' | 'estimate' | 'runUnit'> {
  return {
    chunks: (unit) => unit.windows.length,
    async estimate(ctx, unit) {
      let rows = 0;
      for (const window of unit.windows) {
        const estimatedRows = await staged.countSource(ctx, unit, window);
        rows += estimatedRows;
        ctx.emit({ type: 'dry_run_chunk', window, estimatedRows });
      }
      return rows;
    },
    runUnit: (ctx, unit) => runStagedUnit(ctx, staged, unit),
  };
}

/** Chunks that a resumed run may keep: done in the ledger and still exactly in staging. */
async function keptChunks<P extends LoadedPlan, U extends StagedUnit>(
  ctx: RunContext<P>,
  staged: StagedAdapter<P, U>,
  unit: U,
  ledger: LedgerRow[],
): Promise<Map<string, number> | null> {
  if (!staged.keepsStagedChunks) return null;
  const latest = latestByWindow(ledger, 'chunk');
  const kept = new Map<string, number>();
  let redone = 0;
  for (const window of unit.windows) {
    const row = latest.get(windowKey(unit.key, window));
    if (!row) continue;
    const rows = await staged.countStaging(ctx, unit, window);
    if (row.status === 'done' && rows === Number(row.rows_written)) kept.set(windowKey(unit.key, window), rows);
    else redone += rows; // cleared before the chunk runs again
  }
  // Apart from chunks about to be redone, staging must hold exactly the kept chunks;
  // anything else (another plan's leftovers) means the unit is rebuilt from scratch.
  const accounted = [...kept.values()].reduce((a, b) => a + b, 0);
  return (await staged.countStaging(ctx, unit, unit.whole)) - redone === accounted ? kept : null;
}

async function runStagedUnit<P extends LoadedPlan, U extends StagedUnit>(
  ctx: RunContext<P>,
  staged: StagedAdapter<P, U>,
  unit: U,
): Promise<UnitSummary> {
  const started = Date.now();
  const { whole } = unit;
  const steps = staged.steps(unit);
  const summary = (status: UnitSummary['status'], rowsRead = 0, rowsWritten = 0): UnitSummary => ({
    unit: unit.label,
    status,
    rowsRead,
    rowsWritten,
    seconds: (Date.now() - started) / 1000,
  });
  if (unit.emptyBecause) {
    ctx.emit({ type: 'unit_empty', unit: unit.label, reason: unit.emptyBecause });
    return summary('empty');
  }
  // Each window's source is counted once per run of the unit: a unit of one chunk is counted for its emptiness and
  // for its chunk's ledger row alike.
  const counted = new Map<string, Promise<number>>();
  const countSource = (window: Window): Promise<number> => {
    const key = windowKey(unit.key, window);
    if (!counted.has(key)) counted.set(key, staged.countSource(ctx, unit, window));
    return counted.get(key)!;
  };
  /** An empty unit: the kind's word on a target that still holds it, else nothing changes. */
  const empty = async (loaded: boolean): Promise<UnitSummary> => {
    const handled = await staged.whenEmpty?.(ctx, unit);
    if (handled) return handled;
    // A unit loaded before it was found empty has chunks in the ledger: a publish of nothing closes it, or status
    // would show it pending.
    if (loaded)
      await recordPublish(
        ctx,
        unit,
        new Date(),
        0,
        'the source has no rows for it: nothing to publish, the target holds none',
      );
    ctx.emit({
      type: 'unit_empty',
      unit: unit.label,
      reason: 'the source has no rows for it (after filters); nothing was changed',
    });
    return summary('empty');
  };
  const countFirst = !staged.countingCostsALoad;
  if (countFirst && (await countSource(whole)) === 0) return empty(false);
  const kept = ctx.ledger ? await keptChunks(ctx, staged, unit, ctx.ledger) : null;
  if (!kept) await clearUnit(ctx, staged, unit, steps);
  const previous = ctx.ledger ? latestByWindow(ctx.ledger, 'chunk') : new Map<string, LedgerRow>();
  const chunk: ChunkRun = {
    ctx,
    unit: unit.key,
    steps,
    countSource: countFirst ? countSource : undefined,
    countStaging: (w) => staged.countStaging(ctx, unit, w),
    beforeChunk: staged.beforeChunk && ((w) => staged.beforeChunk!(ctx, w)),
    explainFailure: staged.explainFailure && ((w, queryId, cause) => staged.explainFailure!(ctx, w, queryId, cause)),
    ...(unit.partitions && {
      partitionsOf: (w) => partitionsIn(unit, w),
      split: (w) => splitBetweenPartitions(unit, w),
    }),
  };
  let rowsRead = 0;
  let rowsWritten = 0;
  for (const window of unit.windows) {
    if (ctx.signal?.aborted) {
      throw new AbortedError(
        `Interrupted before ${window.label}; chunks finished so far are in staging and the target is unchanged. Resume with --resume.`,
      );
    }
    await ctx.lease?.heartbeat();
    const keptRows = kept?.get(windowKey(unit.key, window));
    if (keptRows !== undefined) {
      rowsWritten += keptRows;
      ctx.emit({ type: 'chunk_skipped', window, rowsWritten: keptRows });
      continue;
    }
    // A chunk the ledger saw start (and not finish) may have left rows behind.
    const done = await runChunk(chunk, window, kept !== null && previous.has(windowKey(unit.key, window)));
    rowsRead += done.rowsRead;
    rowsWritten += done.rowsWritten;
    ctx.emit({ type: 'chunk_done', window, ...done });
  }
  if (!countFirst && rowsWritten === 0) return empty(true);
  await ctx.lease?.heartbeat();
  await publish(ctx, staged, unit, steps, rowsWritten + (await rowsAddedBeforePublish(ctx, staged, unit, steps)));
  ctx.emit({ type: 'unit_published', unit: unit.label, rows: rowsWritten });
  return summary('published', rowsRead, rowsWritten);
}

/** Rows the kind's check before publishing staged beside the chunks (none when it has no such check). */
async function rowsAddedBeforePublish<P extends LoadedPlan, U extends StagedUnit>(
  ctx: RunContext<P>,
  staged: StagedAdapter<P, U>,
  unit: U,
  steps: StagedSteps,
): Promise<number> {
  if (!staged.beforePublish) return 0;
  const before = total(await stagedRows(ctx, steps, unit));
  await staged.beforePublish(ctx, unit);
  return total(await stagedRows(ctx, steps, unit)).rows - before.rows;
}

interface Held {
  partition: Window;
  rows: number;
  parts: number;
}

/** What staging holds in each partition of the unit. */
async function stagedRows(ctx: RunContext, steps: StagedSteps, unit: StagedUnit): Promise<Held[]> {
  const held: Held[] = [];
  for (const partition of partitionsIn(unit)) {
    const [row] = await ctx.engine.rows<{ rows: string; parts: string }>(statementOf(ctx.plan, steps.checkStaging), {
      params: windowParams(partition),
      step: 'check staging',
    });
    held.push({ partition, rows: Number(row?.rows ?? 0), parts: Number(row?.parts ?? 0) });
  }
  return held;
}

function total(held: Held[]): { rows: number; parts: number } {
  return held.reduce((sum, h) => ({ rows: sum.rows + h.rows, parts: sum.parts + h.parts }), { rows: 0, parts: 0 });
}

/**
 * Empties the unit's partitions of staging before it is loaded; a unit of several partitions first counts what staging
 * holds, which is usually nothing (one statement instead of one per partition).
 */
async function clearUnit<P extends LoadedPlan, U extends StagedUnit>(
  ctx: RunContext<P>,
  staged: StagedAdapter<P, U>,
  unit: U,
  steps: StagedSteps,
): Promise<void> {
  const partitions = partitionsIn(unit);
  if (partitions.length > 1 && (await staged.countStaging(ctx, unit, unit.whole)) === 0) return;
  for (const partition of partitions)
    await ctx.engine.command(statementOf(ctx.plan, steps.clearUnit), {
      params: windowParams(partition),
      step: 'clear staging',
    });
}

/** A unit's publish in the ledger (what resume and status read), built from the source as it is now. */
export function recordPublish(
  ctx: RunContext,
  unit: StagedUnit,
  startedAt: Date,
  rowsWritten: number,
  note?: string,
): Promise<void> {
  return record(ctx, {
    unit: unit.key,
    window: unit.whole,
    step: 'publish',
    status: 'done',
    attempt: 1,
    queryId: '',
    rowsRead: 0,
    rowsWritten,
    startedAt,
    finishedAt: new Date(),
    sourceVersion: ctx.sourceVersion,
    ...(note === undefined ? {} : { note }),
  });
}

async function publish<P extends LoadedPlan, U extends StagedUnit>(
  ctx: RunContext<P>,
  staged: StagedAdapter<P, U>,
  unit: U,
  steps: StagedSteps,
  expectedRows: number,
): Promise<void> {
  const { whole } = unit;
  const held = await stagedRows(ctx, steps, unit);
  const rows = total(held);
  const startedAt = new Date();
  if (expectedRows === 0 && rows.rows === 0 && staged.publishesNothingWhenEmpty) {
    await recordPublish(ctx, unit, startedAt, 0, 'nothing new to publish');
    return;
  }
  if (rows.parts === 0 || rows.rows !== expectedRows) {
    throw new SafetyError(
      `Refusing to publish ${whole.label}: staging holds ${rows.rows} rows in ${rows.parts} parts, but ${expectedRows} were written. The target was not changed. Re-run it; if it repeats, inspect ${staged.stagingName(ctx, unit)}.`,
    );
  }
  const emptied: string[] = [];
  for (const [i, { partition, parts }] of held.entries()) {
    // A takeover stops a unit of several partitions between two of them, as it stops any run before its next step.
    if (i > 0) await ctx.lease?.heartbeat();
    if (parts > 0) {
      await ctx.engine.command(statementOf(ctx.plan, steps.publish), {
        params: windowParams(partition),
        step: `publish ${partition.label}`,
      });
      continue;
    }
    const dropped = (await staged.emptyPartition?.(ctx, unit, partition)) ?? 0;
    if (dropped > 0) emptied.push(`${partition.label} (${dropped} rows)`);
  }
  await recordPublish(
    ctx,
    unit,
    startedAt,
    rows.rows,
    emptied.length > 0 ? `emptied by the recomputation, so dropped: ${emptied.join(', ')}` : undefined,
  );
  for (const { partition, parts } of held) {
    if (parts === 0) continue;
    await ctx.engine.command(statementOf(ctx.plan, steps.clearUnit), {
      params: windowParams(partition),
      step: 'clear staging',
    });
  }
}
