import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // An event that normally comes in milliseconds (a socket message, an outbox send) can take
    // seconds on a loaded CI machine: polls wait up to 10 s, not vitest's 1 s, unless they say.
    expect: { poll: { timeout: 10_000 } },
    // One file at a time: apps of two files on one database run their loops (webhook outbox,
    // plan sweeps) over each other's rows (a webhook test saw its deliveries taken so). The suite
    // runs beside the end-to-end one (pnpm test), which keeps the other core busy.
    maxWorkers: 1,
    // A worker keeps its modules from one file to the next: importing the app again for each of
    // ~140 files cost ~190 s of CPU a run, and the PGlite files share one embedded database
    // (test/support/pglite-org.ts). Files own no module state beyond caches.
    isolate: false,
  },
});
