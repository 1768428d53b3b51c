import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'fault/**/*.test.ts'],
    globalSetup: ['./lib/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Browsers under CI load repaint late: poll up to 10 s before calling an assertion failed.
    expect: { poll: { timeout: 10_000, interval: 250 } },
  },
});
