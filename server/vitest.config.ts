import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at a time, even on 2 cores (vitest's default there is one): most of a file's time
    // is spent waiting on PostgreSQL, and files isolate themselves by organisation.
    maxWorkers: 2,
    // A worker keeps its modules from one file to the next: importing the app again for each of
    // ~140 files cost ~190 s of CPU a run, and the PGlite files share one embedded database
    // (test/support/pglite-org.ts). Files own no module state beyond caches.
    isolate: false,
  },
});
