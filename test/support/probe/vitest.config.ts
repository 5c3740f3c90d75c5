/**
 * Runs only the probes in this folder, with the suite's own global setup:
 * test/userGraphSafety.test.ts starts it as a child process beside a "user"
 * Neo4j to check that the test setup leaves that database alone.
 */
import base from '../../../vitest.config.js';

export default {
  ...base,
  test: { ...base.test, include: ['test/support/probe/**/*.probe.ts'] },
};
