import { quoteIdent, quoteTable } from '../../../core/quote.js';
import { windowParams, type Window } from '../../../core/windows.js';
import type { Engine } from '../../../engine/engine.js';
import type { RunContext } from '../../../execute/run-context.js';
import type { StagedUnit } from '../../../execute/staged-units.js';
import type { FlattenPlan } from '../plan/plan.js';
import { sortingKeyWindowTerms, windowFilter } from '../schema/window-filter.js';

/**
 * How much of a day its chunks read together, against one read of the day (granules selected by the source's indexes).
 */
export interface ChunkReads {
  dayGranules: number;
  chunks: number;
  /** Granules a chunk selects, on average over the chunks measured. */
  perChunk: number;
  /**
   * Granules all chunks read, over the day's: 1 when chunks split the day's reads, the chunk count when each reads all
   * of it.
   */
  ratio: number;
}

/** From the granules of the day and of some of its `chunks` (all of them unless said). Pure. */
export function chunkReads(dayGranules: number, measured: number[], chunks = measured.length): ChunkReads {
  const perChunk = measured.length === 0 ? 0 : measured.reduce((a, b) => a + b, 0) / measured.length;
  return { dayGranules, chunks, perChunk, ratio: dayGranules === 0 ? 1 : (perChunk * chunks) / dayGranules };
}

/** At most `count` of `items`, spread evenly from the first to the last. Pure. */
export function spreadOut<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  if (count <= 1) return items.slice(0, count);
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!);
}

/**
 * Whether a person should hear that the chunks re-read the day: they read at least twice what one
 * day chunk reads, and the day has enough granules for a chunk to have read fewer. Pure.
 */
export function chunksRereadDay(reads: ChunkReads): boolean {
  return reads.ratio >= 2 && reads.dayGranules >= reads.chunks;
}

/** The source's sorting key, as system.tables renders it. */
async function sortingKeyOf(engine: Engine, m: FlattenPlan['manifest']): Promise<string> {
  const source = m.tables.source;
  const [table] = await engine.rows<{ key: string }>(
    'SELECT sorting_key AS key FROM system.tables WHERE database = {db:String} AND name = {name:String}',
    { params: { db: source.database, name: source.name }, step: 'sorting key' },
  );
  return table?.key ?? '';
}

/**
 * The granules a read of the source's window selects, from the engine's index analysis (nothing is read). The window is
 * also stated on the key's functions of the time: the plan's own read needs no such term, since its PREWHERE on the
 * time reads nothing else of a granule outside the window, but the index analysis counts only what the key excludes.
 */
async function granulesSelected(
  engine: Engine,
  m: FlattenPlan['manifest'],
  sortingKey: string,
  window: Window,
): Promise<number> {
  const filter = [windowFilter(m), ...sortingKeyWindowTerms(sortingKey, m.timeColumn)].join('\n  AND ');
  const lines = await engine.rows<{ explain: string }>(
    `EXPLAIN indexes = 1 SELECT ${quoteIdent(m.timeColumn)} FROM ${quoteTable(m.tables.source)} WHERE ${filter}`,
    { params: windowParams(window), step: 'explain chunk reads' },
  );
  // `Parts: 2 | Granules: 30` under ReadFromMergeTree: what the read selects after every index.
  const selected = lines.map((l) => /Parts: \d+ \| Granules: (\d+)/.exec(l.explain)).find((match) => match !== null);
  return Number(selected?.[1] ?? 0);
}

/**
 * The granules a day's read and its chunks' reads select, from at most `sample` chunks spread over the day, and the
 * source's sorting key.
 */
export async function chunkGranules(
  engine: Engine,
  manifest: FlattenPlan['manifest'],
  whole: Window,
  windows: Window[],
  sample = windows.length,
): Promise<ChunkReads & { sortingKey: string }> {
  const sortingKey = await sortingKeyOf(engine, manifest);
  const granules = (w: Window) => granulesSelected(engine, manifest, sortingKey, w);
  const measured = await Promise.all(spreadOut(windows, sample).map(granules));
  return { ...chunkReads(await granules(whole), measured, windows.length), sortingKey };
}

/**
 * The source's sorting key behind the hour of its time (`customerId, timestampMs` → `toStartOfHour(timestampMs),
 * customerId, timestampMs`): a key under which a chunk of hours selects only its hours' granules, and which keeps the
 * key's order within each hour. Pure.
 */
export function hourFirstKey(sortingKey: string, time: string): string {
  return [`toStartOfHour(${quoteIdent(time)})`, sortingKey].filter((term) => term !== '').join(', ');
}

/**
 * Warns when the source's sorting key makes every chunk of a day read (nearly) the whole day, as a
 * key that starts with the customer does for hour chunks, and proposes what reads the day once.
 */
export async function warnIfChunksRereadDay(ctx: RunContext<FlattenPlan>, unit: StagedUnit): Promise<void> {
  if (unit.windows.length < 2) return;
  // Four chunks tell a key that splits the day from one that does not; each EXPLAIN costs about 0.05 s.
  const reads = await chunkGranules(ctx.engine, ctx.plan.manifest, unit.whole, unit.windows, 4);
  if (!chunksRereadDay(reads)) return;
  ctx.emit({
    type: 'warning',
    message:
      `The source is sorted by (${reads.sortingKey}), so a chunk of ${unit.label} cannot skip the rest of the day: each of its ${reads.chunks} chunks reads about ${Math.round(reads.perChunk)} of the day's ${reads.dayGranules} granules, ` +
      `${reads.ratio.toFixed(1)}× what one day chunk reads (EXPLAIN indexes = 1). A day chunk reads the day once; when the day does not fit in memory, ` +
      'keep the day chunk and let its join and GROUP BY spill to disk: recompile with --insert-setting max_bytes_before_external_join=<bytes> ' +
      '--insert-setting max_bytes_before_external_group_by=<bytes> and run with --chunk day. ' +
      `Chunks of hours read only their hours from a source sorted by (${hourFirstKey(reads.sortingKey, ctx.plan.manifest.timeColumn)}).`,
  });
}
