import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Some tests start the CLI as child processes (three in one test): 6.9 s once on a loaded CI
    // machine, past vitest's 5 s default. A limit, not a measurement: speed is `pnpm bench`'s.
    testTimeout: 30_000,
  },
});
