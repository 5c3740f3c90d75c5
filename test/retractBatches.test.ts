/**
 * A retraction in many batches (its entities are read once per pass and cut
 * into batches, src/provenance/retract.ts): every entity of the import is
 * given to exactly one batch, so the current graph ends as before the import.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { derivedMismatches } from '../src/derived/rebuildDerived.js';
import { useSeededGraph } from './support/graph.js';
import { currentGraph } from '../bench/currentGraph.js';

const graph = useSeededGraph();
const EXAMPLES = join(import.meta.dirname, '..', 'seed', 'examples');

async function importCommand(...args: string[]): Promise<{ code: number; stdout: string }> {
  const neo4j = inject('neo4j');
  const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
  return promisify(execFile)('npx', ['tsx', 'src/import/importCli.ts', ...args], { env }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => e,
  );
}


describe('retraction in batches', { timeout: 300_000 }, () => {
  it('retracts an import 50 entities at a time, each once: the current graph is as before it', async () => {
    const before = await currentGraph(graph.db);
    const imported = await importCommand(...readdirSync(EXAMPLES).sort().map((f) => join(EXAMPLES, f)));
    expect(imported.code).toBe(0);
    const id = /recorded as (import-\S+)/.exec(imported.stdout)![1]!;
    const retracted = await importCommand('retract', id, '--batch-size', '50');
    expect(retracted.code).toBe(0);
    // 573 facts in 12 batches of up to 50, then the source: each entity checked once.
    expect(retracted.stdout).toMatch(/574 entities and \d+ relationships retired \(kept in history\), 574 entities checked/);
    expect(retracted.stdout.match(/^retract: \d+ entities checked/gm)).toHaveLength(13);
    expect(await currentGraph(graph.db)).toEqual(before);
    expect(await derivedMismatches(graph.db)).toEqual([]);
  });
});
