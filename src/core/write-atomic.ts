import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './errors.js';

/**
 * Creates a directory and its missing parents one level at a time. Node's recursive mkdir spins
 * forever under /proc and similar file systems; this fails at once with the level that cannot exist.
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  let existing = resolve(path);
  while (!existsSync(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!statSync(existing).isDirectory())
    throw new ConfigError(`${existing} is a file, so ${path} cannot be a directory.`);
  for (const dir of missing) mkdirSync(dir);
}

function refuseDirectory(path: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new ConfigError(
      `${path} is a directory; name a file to write (e.g. ${path.replace(/\/$/, '')}/report.json). Nothing was run.`,
    );
  }
}

/**
 * Refuses, before any work whose result would go there, a path that cannot take a file: a
 * directory, or a place where no file can be written (a missing parent that cannot be created, a
 * read-only or virtual file system). Proves it by writing and removing a file beside it.
 */
export function assertWritableFile(path: string): void {
  refuseDirectory(path);
  const probe = `${path}.probe-${process.pid}`;
  try {
    makeDirectory(dirname(path));
    writeFileSync(probe, '');
  } catch (cause) {
    throw new ConfigError(
      `${path} cannot be written (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}). Nothing was run. Name a file in a writable directory.`,
      { cause },
    );
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Writes via a temporary file and rename, so a reader never sees half a file; refuses a directory. */
export function writeFileAtomic(path: string, content: string): void {
  refuseDirectory(path);
  makeDirectory(dirname(path));
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
