import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at a time, even on 2 cores (vitest's default there is one): most of a file's time
    // is spent waiting on PostgreSQL and on imports, and files isolate themselves by organisation.
    maxWorkers: 2,
  },
});
