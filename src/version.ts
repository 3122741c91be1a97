import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** chplan's version, recorded in every manifest so a plan names the compiler that made it. */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string }
).version;
