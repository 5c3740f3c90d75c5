import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { checkedWrite } from '../src/write/checkedWrite.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const EXAMPLES = join(import.meta.dirname, '..', 'seed', 'examples');
const files = readdirSync(EXAMPLES).sort().map((f) => join(EXAMPLES, f));

const neo4j = inject('neo4j');
const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
const importCli = (...args: string[]) =>
  promisify(execFile)('npx', ['tsx', 'src/import/importCli.ts', ...args], { env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

/** What a re-import of unchanged files must leave as it is. */
async function fingerprint(): Promise<unknown> {
  const [row] = await graph.db.read(`
MATCH (n:Entity) WITH count(n) AS nodes, toString(max(n.updatedAt)) AS updated
MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS rels, updated`);
  return row;
}

const SHORTCUT = /are those of import-\S+, and no write has changed the graph since \(looked up in \d+ ms, files not read again\)/;

/** Renames an example company as a mutation would (a write without a row hash), through the one checked write transaction. */
const renameCompany = (name: string) =>
  checkedWrite(graph.db, {
    by: 'editor',
    lock: (locks) => locks.lock(['nordwind-example-group']),
    write: (w) => w.rows('companies', [{ id: 'nordwind-example-group', props: { name }, country: null, source: 'example-data-fictional' }]),
    changed: () => ['nordwind-example-group'],
  });

// Each run is a process of its own (npx tsx): generous on a busy machine.
describe('re-importing files an import stamped unchanged', { timeout: 240_000 }, () => {
  it('skips reading them while no write has changed the graph, and checks every row again after any write', async () => {
    const first = await importCli(...files);
    expect(first.code).toBe(0);
    const firstId = /recorded as (import-\S+)/.exec(first.stdout)![1]!;
    // The first import wrote every row and no other write came between its batches: it is stamped.
    const [stamp] = await graph.db.read(`MATCH (i:Import {id: $id}) RETURN i.unchangedKey IS NOT NULL AS key, i.unchangedAt AS at`, { id: firstId });
    const [version] = await graph.db.read(`MATCH (v:GraphVersion) RETURN v.epoch + ':' + v.version AS at`);
    expect(stamp).toEqual({ key: true, at: version!.at });

    const before = await fingerprint();
    const again = await importCli(...files);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(SHORTCUT);
    expect(again.stdout).toContain(`are those of ${firstId}`);
    expect(again.stdout).toMatch(/nothing changed/);
    expect(await fingerprint()).toEqual(before);

    // --full-check reads and checks every row all the same, and finds them unchanged.
    const full = await importCli('--full-check', ...files);
    expect(full.code).toBe(0);
    expect(full.stdout).not.toMatch(SHORTCUT);
    expect(full.stdout).toMatch(/589 of them are in the graph as they are and are skipped[\s\S]*nothing changed/);

    // A write of one of the files' rows: the next run checks every row and writes that one back.
    await renameCompany('Renamed by an editor');
    const changed = await importCli(...files);
    expect(changed.code).toBe(0);
    expect(changed.stdout).not.toMatch(SHORTCUT);
    expect(changed.stdout).toMatch(/588 of them are in the graph as they are and are skipped/);
    const [company] = await graph.db.read(`MATCH (c:Company {id: 'nordwind-example-group'}) RETURN c.name AS name`);
    expect(company!.name).toBe('Nordwind Example Group (example)');
    // That run's batches were the only writes since its check: it stamped, and the next run reads nothing.
    expect((await importCli(...files)).stdout).toMatch(SHORTCUT);

    // A write of anything else (a seed company) disables the stamp too: every row is checked again.
    const [other] = await graph.db.read(`MATCH (c:Company) WHERE NOT EXISTS { (c)-[:SOURCED_FROM]->(:Source {id: 'example-data-fictional'}) } RETURN c.id AS id LIMIT 1`);
    await checkedWrite(graph.db, {
      by: 'editor',
      lock: (locks) => locks.lock([other!.id as string]),
      write: (w) => w.touching([other!.id as string], (run) => run(`MATCH (c:Company {id: $id}) SET c.updatedAt = datetime()`, { id: other!.id })),
      changed: () => [other!.id as string],
    });
    const afterOther = await importCli(...files);
    expect(afterOther.stdout).not.toMatch(SHORTCUT);
    expect(afterOther.stdout).toMatch(/589 of them are in the graph as they are and are skipped[\s\S]*nothing changed/);
    // Its check found every row unchanged with no write while it read: it stamped that version.
    expect((await importCli(...files)).stdout).toMatch(SHORTCUT);
  });
});
