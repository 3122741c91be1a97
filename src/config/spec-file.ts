import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.js';

/** A spec file's JSON, or an error that says what is wrong with the file; `hint` follows a missing file's message. */
export function readSpecFile(path: string, hint = ''): Record<string, unknown> {
  if (!existsSync(path)) throw new ConfigError(`Spec file ${path} does not exist.${hint ? ` ${hint}` : ''}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new ConfigError(
      `Spec file ${path} is not valid JSON (${(cause as Error).message}); nothing was compiled. Fix it and run again.`,
      { cause },
    );
  }
}
