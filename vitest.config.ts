import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests sit beside the code in src/; integration tests in test/ run
 * against a real Neo4j that the global setup starts (or reuses). There is one
 * Neo4j database, so test files run one after another, each on a freshly
 * seeded graph.
 */
export default defineConfig({
  // One graphql-js for everything, as under Node: without this, test and src
  // files get graphql's ESM build while Apollo and the limit rules (loaded by
  // Node from node_modules) get its CommonJS build, and instanceof checks
  // between the two fail ("Cannot use GraphQLObjectType from another realm").
  // The SDK's own tests run on its source; plain Node gets its build,
  // packages/client/dist (see the "plain Node" test in test/client.test.ts).
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') },
      { find: /^@greengraph\/client$/, replacement: new URL('./packages/client/src/index.ts', import.meta.url).pathname },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
