import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // chDB binds one data directory per process: every test file gets its own fork.
    pool: 'forks',
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
