import { existsSync, readFileSync } from 'node:fs';
import { connect } from './connect.js';
import type { Engine, EngineOptions } from './engine.js';
import { ConfigError } from '../core/errors.js';
import type { EngineSettings } from '../config/settings.js';

function readCa(path: string): Buffer {
  if (!existsSync(path))
    throw new ConfigError(`--ca ${path} does not exist; pass the PEM file of the certificate authority.`);
  return readFileSync(path);
}

export function engineOptions(settings: EngineSettings): EngineOptions {
  return {
    url: settings.url,
    user: settings.user,
    password: settings.password,
    database: settings.database,
    ca: settings.ca ? readCa(settings.ca) : undefined,
    dataDir: settings.dataDir,
    queryTimeoutSec: settings.queryTimeoutSec,
  };
}

/** Opens the engine the settings name (tuned as a kind asks, if it does), runs `fn`, and always closes it. */
export async function withEngine<T>(
  settings: EngineSettings,
  fn: (engine: Engine) => Promise<T>,
  tuning: Pick<EngineOptions, 'keepFreedMemoryMs'> = {},
): Promise<T> {
  const engine = await connect({ ...engineOptions(settings), ...tuning });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
