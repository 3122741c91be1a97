import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./memory-worker.ts', import.meta.url));

/**
 * Peak memory of loading a day with a given chunk size, each in its own process so no
 * allocator state carries over. Only meaningful for the embedded engine, whose data
 * directory must not be open in this process while it runs.
 */
export function chunkPeakMemory(dataDir: string, planDir: string, day: string, chunk: 'day' | 'hour'): { maxRssBytes: number; seconds: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', WORKER, dataDir, planDir, day, chunk], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { maxRssBytes: number; seconds: number };
}
