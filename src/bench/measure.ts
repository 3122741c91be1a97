/** Median of numbers (the mean of the middle two for an even count). Pure. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Sample {
  seconds: number;
  /** Peak resident memory of this process above its level at the start, in bytes. */
  peakRssDelta: number;
}

/**
 * Times `fn` while sampling this process's resident memory every 25 ms. With the embedded
 * engine the engine runs inside this process, so the peak includes its memory.
 */
export async function measure(fn: () => Promise<unknown>): Promise<Sample> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  const started = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds: (performance.now() - started) / 1000, peakRssDelta: peak - baseline };
}

/** Runs each named measurement `repeat` times, interleaved, so drift hits all alike. */
export async function interleaved(names: string[], repeat: number, run: (name: string) => Promise<Sample>): Promise<Record<string, Sample[]>> {
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < repeat; round++) {
    for (const name of names) samples[name]!.push(await run(name));
  }
  return samples;
}
