import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/nluModel.globalSetup.ts', 'test/sharedChromium.globalSetup.ts', 'test/postgres.globalSetup.ts'],
    // The e2e and fault suites start real processes and a real browser; they own their ports, so files run apart.
    fileParallelism: true,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
