import { spawn, spawnSync, type ChildProcessWithoutNullStreams, type SpawnSyncReturns } from 'node:child_process';

export interface CliOptions {
  /** The embedded engine's data directory (`--data-dir`); none for commands that touch no engine. */
  dataDir?: string;
  /**
   * Added to (or overriding) the environment; CLICKHOUSE_URL is always cleared so a developer's server is never used.
   */
  env?: Record<string, string>;
}

function argv(args: string[], options: CliOptions): string[] {
  return ['bin/chplan.js', ...args, ...(options.dataDir ? ['--data-dir', options.dataDir] : [])];
}

function environment(options: CliOptions): NodeJS.ProcessEnv {
  return { ...process.env, CLICKHOUSE_URL: '', ...options.env };
}

/** Runs the CLI as a user would and waits for it. */
export function runCli(args: string[], options: CliOptions = {}): SpawnSyncReturns<string> {
  return spawnSync('node', argv(args, options), { encoding: 'utf8', env: environment(options) });
}

/** Starts the CLI and returns the process (for tests that interrupt or kill it). */
export function startCli(args: string[], options: CliOptions = {}): ChildProcessWithoutNullStreams {
  return spawn('node', argv(args, options), { env: environment(options) });
}
