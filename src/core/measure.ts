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

/** Runs each named measurement `repeat` times, interleaved, so drift hits all alike. */
export async function interleaved(names: string[], repeat: number, run: (name: string) => Promise<Sample>): Promise<Record<string, Sample[]>> {
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < repeat; round++) {
    for (const name of names) samples[name]!.push(await run(name));
  }
  return samples;
}
