/**
 * API keys and HTTP requests for the write tests: mutations go through the
 * real HTTP handler so that the Authorization header is what a client sends.
 */
import { beforeAll } from 'vitest';
import { generateKey, type Role } from '../../src/auth/apiKeys.js';
import { createKeyCypher } from '../../src/auth/apiKeys.cypher.js';
import type { TestGraph } from './graph.js';

export interface Writers {
  keys: Record<Role, string>;
  /** The server's address, `http://127.0.0.1:<port>`. */
  base: string;
  /** POSTs an operation to /graphql, with `Authorization: Bearer <key>` when a key is given. */
  post(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<{ status: number; body: any }>;
}

/** Creates one key per role and listens on a free port (after useSeededGraph's beforeAll). */
export function useWriters(graph: TestGraph): Writers {
  const writers = { keys: {} } as Writers;
  beforeAll(async () => {
    for (const role of ['reader', 'editor', 'admin'] as const) {
      const { id, key, hash } = generateKey();
      await graph.db.write(createKeyCypher, { id, name: `test ${role}`, role, hash });
      writers.keys[role] = key;
    }
    const port = await graph.server.listen(0);
    writers.base = `http://127.0.0.1:${port}`;
    writers.post = async (query, variables = {}, key = null) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    };
  });
  return writers;
}
