import { defineConfig } from 'vitest/config';

/**
 * Unit tests sit beside the code in src/; integration tests in test/ run
 * against a real Neo4j that the global setup starts (or reuses). There is one
 * Neo4j database, so test files run one after another, each on a freshly
 * seeded graph.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
