import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Median of numbers (the mean of the middle two for an even count). Pure. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Sample {
  seconds: number;
}

/** Times `fn` (wall clock). */
export async function measure(fn: () => Promise<unknown>): Promise<Sample> {
  const started = performance.now();
  await fn();
  return { seconds: (performance.now() - started) / 1000 };
}

/**
 * Runs each named measurement `repeat` times, interleaved, so drift hits all alike. Between
 * measurements the JavaScript heap is collected, untimed: otherwise the garbage of one (a
 * client-side baseline's rows) is collected on this machine's cores during the next one.
 */
export async function interleaved(
  names: string[],
  repeat: number,
  run: (name: string) => Promise<Sample>,
): Promise<Record<string, Sample[]>> {
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < repeat; round++) {
    for (const name of names) {
      samples[name]!.push(await run(name));
      collectGarbage();
    }
  }
  return samples;
}

/** A full, blocking garbage collection (Node exposes gc() only to a fresh context once the flag is set). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Runs a benchmark worker in a process of its own and returns the JSON of its last output line.
 * `worker` is the worker's TypeScript source next to the caller; from the compiled build it is
 * the JavaScript beside it, which is what exists there.
 */
export function runWorkerProcess<T>(worker: URL, args: string[], env: Record<string, string> = {}): T {
  const source = fileURLToPath(worker);
  const path = existsSync(source) ? source : source.replace(/\.ts$/, '.js');
  const out = execFileSync(process.execPath, ['--import', 'tsx', path, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, ...env },
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}
