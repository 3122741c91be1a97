import type { Argv, Options } from 'yargs';
import { loadSettings } from './load.js';
import type { EngineSettings, Settings } from './settings.js';
import { ConfigError } from '../core/errors.js';
import { checkZone, parseChunk } from '../core/windows.js';

/** `--cluster NAME`, as every kind's compile takes it (the spec's "cluster" for the kinds with a spec). */
export const CLUSTER_OPTION: Options = {
  type: 'string',
  describe: 'cluster name: ON CLUSTER DDL, Replicated tables, one run per shard',
};

/** `--cluster NAME`'s value, checked as a spec's "cluster" is: a name of letters, digits, _ and -. */
export function clusterFlag(name: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(name))
    throw new ConfigError(
      `--cluster ${JSON.stringify(name)} is not a cluster name (letters, digits, _ and -). Nothing was compiled.`,
    );
  return name;
}

/** A `run` flag's whole number from 1 to `max`, or undefined when it was not given; anything else is refused. */
export function wholeNumberFlag(flag: string, value: unknown, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
  throw new ConfigError(`--${flag} ${String(value)} is not a whole number from 1 to ${max}. Nothing was run.`);
}

/** Flags every command understands: where the engine is and how to talk to it. */
export function withEngineOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('config', { type: 'string', describe: 'JSON config file (see schemas/config.schema.json)' })
    .option('url', { type: 'string', describe: 'ClickHouse HTTP URL (else CLICKHOUSE_URL, else embedded chDB)' })
    .option('ca', { type: 'string', describe: 'PEM file of the CA that signed the server certificate (https)' })
    .option('data-dir', { type: 'string', describe: 'embedded engine data directory (default .chdata)' })
    .option('timeout', { type: 'number', describe: 'server-side limit per statement, seconds' })
    .option('json', { type: 'boolean', default: false, describe: 'machine-readable output' })
    .option('verbose', { type: 'boolean', default: false, describe: 'show stack traces on errors' });
}

export interface CommonArgs {
  config?: string;
  source?: string;
  target?: string;
  url?: string;
  cluster?: string;
  ca?: string;
  dataDir?: string;
  customers?: string;
  timeZone?: string;
  intType?: string;
  floatType?: string;
  strategy?: string;
  timeout?: number;
  insertSetting?: string[];
  chunk?: string;
  json: boolean;
  verbose: boolean;
}

function parseCustomers(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((s) => s.trim());
  if (ids.some((id) => !/^-?\d+$/.test(id)))
    throw new ConfigError(
      `--customers ${JSON.stringify(text)} must be a comma-separated list of integer ids, e.g. --customers 1,2,3.`,
    );
  return [...new Set(ids.map(Number))];
}

/** `name=value` pairs; a value that is a plain number stays a number. */
function parseInsertSettings(pairs: string[] | undefined): Record<string, number | string> | undefined {
  if (pairs === undefined) return undefined;
  return Object.fromEntries(
    pairs.map((pair) => {
      const match = /^([^=]+)=(.*)$/.exec(pair);
      if (!match)
        throw new ConfigError(
          `--insert-setting ${JSON.stringify(pair)} must look like name=value, e.g. --insert-setting max_threads=4.`,
        );
      const [, name, value] = match as unknown as [string, string, string];
      return [name.trim(), /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value];
    }),
  );
}

/** Settings from flags > env > config file > defaults. */
export function settingsFrom(args: CommonArgs): Settings {
  if (args.timeout !== undefined && !(Number.isFinite(args.timeout) && args.timeout > 0)) {
    throw new ConfigError(
      `--timeout must be a positive number of seconds (the server-side limit of each statement), not ${JSON.stringify(String(args.timeout))}.`,
    );
  }
  const settings = loadSettings({
    configFile: args.config,
    flags: {
      source: args.source,
      target: args.target,
      url: args.url,
      cluster: args.cluster,
      ca: args.ca,
      dataDir: args.dataDir,
      customers: parseCustomers(args.customers),
      timeZone: args.timeZone,
      intType: args.intType,
      floatType: args.floatType,
      strategy: args.strategy as Settings['strategy'] | undefined,
      queryTimeoutSec: args.timeout,
      insertSettings: parseInsertSettings(args.insertSetting),
      chunk: args.chunk === undefined ? undefined : parseChunk(args.chunk),
    },
  });
  checkZone(settings.timeZone);
  return settings;
}

/** The flags every command shares: where the engine is and how to talk to it. */
type EngineArgs = Pick<CommonArgs, 'config' | 'url' | 'ca' | 'dataDir' | 'timeout' | 'json' | 'verbose'>;

/**
 * Settings from the engine's flags alone, for commands whose plan or spec decides the rest
 * (a backfill's --chunk projects/4 is not a flatten chunk, its --source not a flatten source).
 */
export function engineSettingsFrom(args: EngineArgs): EngineSettings {
  const { config, url, ca, dataDir, timeout, json, verbose } = args;
  const all = settingsFrom({ config, url, ca, dataDir, timeout, json, verbose });
  return {
    queryTimeoutSec: all.queryTimeoutSec,
    dataDir: all.dataDir,
    url: all.url,
    ca: all.ca,
    user: all.user,
    password: all.password,
    database: all.database,
  };
}
