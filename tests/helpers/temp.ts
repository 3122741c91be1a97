import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temporary directory for a test file, removed when the file's tests end. Call at module or describe level. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `chplan-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
