import { defineConfig } from 'vitest/config';

/** Browser tests: playwright-core + /usr/bin/chromium against `klipy serve` child processes. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
  },
});
