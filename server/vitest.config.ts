import { defineConfig } from 'vitest/config';

// The PGlite test files share one embedded database per worker (test/support/pglite-org.ts): they
// run without module isolation (a worker keeps its modules from one file to the next), beside
// the other files.
const PGLITE = 'src/**/pglite.test.ts';
const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // Two files at a time, even on 2 cores (vitest's default there is one): most of a file's time
    // is spent waiting on PostgreSQL and on imports, and files isolate themselves by organisation.
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...timeouts,
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [PGLITE],
          globalSetup: ['./test/global-setup.ts'],
        },
      },
      { test: { ...timeouts, name: 'pglite', include: [PGLITE], isolate: false } },
    ],
  },
});
