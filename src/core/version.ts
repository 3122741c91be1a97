import { readFileSync } from 'node:fs';
import { packagePath } from './package-path.js';

/** chplan's version, recorded in every manifest so a plan names the compiler that made it. */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }
).version;
