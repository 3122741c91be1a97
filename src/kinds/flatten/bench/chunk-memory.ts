import { runWorkerProcess } from '../../../bench/measure.js';

const WORKER = new URL('./memory-worker.ts', import.meta.url);

/**
 * Peak memory of loading a day with a given chunk size, each in its own process so no
 * allocator state carries over. Only meaningful for the embedded engine, whose data
 * directory must not be open in this process while it runs.
 */
export function chunkPeakMemory(
  dataDir: string,
  planDir: string,
  day: string,
  chunk: 'day' | 'hour',
  spillBytes?: number,
): { maxRssBytes: number; seconds: number } {
  return runWorkerProcess(WORKER, [dataDir, planDir, day, chunk, ...(spillBytes ? [String(spillBytes)] : [])]);
}
