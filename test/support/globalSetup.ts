/**
 * Starts (or reuses) the local Neo4j once for the whole test run, or uses
 * NEO4J_URI when it is set, and hands the connection to every test file.
 */
import type { TestProject } from 'vitest/node';
import { readConfig, type Neo4jConnectionConfig } from '../../src/config.js';
import { startLocalNeo4j } from '../../src/neo4j/localNeo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnectionConfig;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = readConfig();
  if (config.neo4j) {
    project.provide('neo4j', config.neo4j);
    return async () => undefined;
  }
  const started = Date.now();
  const local = await startLocalNeo4j({
    port: config.localNeo4j.boltPort,
    ...(config.localNeo4j.dataDir ? { dataDir: config.localNeo4j.dataDir } : {}),
    log: (line) => console.log(`neo4j: ${line}`),
  });
  console.log(`neo4j: ${local.started ? 'started' : 'reused'} ${local.uri} in ${Date.now() - started} ms`);
  project.provide('neo4j', { uri: local.uri, user: 'neo4j', password: '', database: null });
  return () => local.stop();
}
