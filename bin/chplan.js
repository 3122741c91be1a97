#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step), so the CLI is always the code in src/.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/bin.ts');
