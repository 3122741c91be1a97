import { fileURLToPath } from 'node:url';

/** Absolute path of a file shipped with chplan (templates/, schemas/, package.json), wherever the caller lives. */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}
