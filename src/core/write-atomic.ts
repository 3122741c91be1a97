import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from './errors.js';

/** Refuses a path that names a directory, before any work whose result would go there. */
export function assertFilePath(path: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new ConfigError(`${path} is a directory; name a file to write (e.g. ${path.replace(/\/$/, '')}/report.json). Nothing was run.`);
  }
}

/** Writes via a temporary file and rename, so a reader never sees half a file; refuses a directory. */
export function writeFileAtomic(path: string, content: string): void {
  assertFilePath(path);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
