import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // chDB binds one data directory per process: every test file gets its own fork.
    pool: 'forks',
    // Generous: on a busy 2-core machine the slowest files run several times slower than alone.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // The embedded engine takes the machine's zone; Langfuse's monthly partitions (toYYYYMM) are cut in it.
    env: { TZ: 'UTC' },
  },
});
