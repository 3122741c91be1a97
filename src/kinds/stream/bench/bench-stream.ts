export interface StreamBenchReport {
  messages: number;
  updates: number;
  deletes: number;
  redelivered: number;
  repeat: number;
  results: { method: string; messages: number; seconds: number; messagesPerSecond: number; peakMiB: number; runs: number[] }[];
  ratios: Record<string, number>;
}

export async function benchStream(_options: { events: number; repeat: number; workDir: string; onProgress?: (m: string) => void }): Promise<StreamBenchReport> {
  throw new Error('not yet');
}
