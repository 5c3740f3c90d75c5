import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../../src/projectRoot.js';

/** The client contract, as copied into the repo from the team's shared folder. */
export const CONTRACT_PATH = join(projectRoot(), 'src', 'client', 'operations', 'contract.graphql');

export const contractSource = readFileSync(CONTRACT_PATH, 'utf8');

/** Each contract operation by name, printed on its own, unchanged. */
export const contractOperations: Record<string, string> = Object.fromEntries(
  parse(contractSource)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((d) => [d.name!.value, print(d)]),
);

/** The change-feed operations (issue 20), as copied from the shared folder. */
export const CHANGES_CONTRACT_PATH = join(projectRoot(), 'src', 'client', 'operations', 'changes.graphql');

export const changesContractSource = readFileSync(CHANGES_CONTRACT_PATH, 'utf8');

export const changesOperations: Record<string, string> = Object.fromEntries(
  parse(changesContractSource)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((d) => [d.name!.value, print(d)]),
);
