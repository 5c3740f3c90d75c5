/**
 * Warms Neo4j's query plans for the client contract: each contract operation
 * runs once before /ready says 200, so that the first client request after a
 * start or a restart of Neo4j does not pay for planning (seconds on a cold JVM).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { CONTRACT_EXAMPLE_VARIABLES } from './client/operations/contractExamples.js';
import { createContext, type Context } from './context.js';
import type { Database } from './neo4j/database.js';
import { projectRoot } from './projectRoot.js';

/** The contract's operations by name, each printed on its own. */
export function contractOperations(): Record<string, string> {
  const source = readFileSync(join(projectRoot(), 'src', 'client', 'operations', 'contract.graphql'), 'utf8');
  return Object.fromEntries(
    parse(source)
      .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && d.name !== undefined)
      .map((d) => [d.name!.value, print(d)]),
  );
}

/**
 * Runs every contract operation once; resolves to how long each took (ms).
 * Rejects when one fails, so that the caller retries instead of reporting ready.
 */
export async function warmUpContract(apollo: ApolloServer<Context>, db: Database): Promise<Record<string, number>> {
  const took: Record<string, number> = {};
  for (const [name, query] of Object.entries(contractOperations())) {
    const started = Date.now();
    const response = await apollo.executeOperation(
      { query, variables: CONTRACT_EXAMPLE_VARIABLES[name] ?? {}, operationName: name },
      { contextValue: createContext(db) },
    );
    const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
    if (errors?.length) throw new Error(`warming up ${name} failed: ${errors.map((e) => e.message).join('; ')}`);
    took[name] = Date.now() - started;
  }
  return took;
}
