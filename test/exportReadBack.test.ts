/**
 * The GraphML and GEXF exports read back by an independent reader, networkx
 * (Debian's python3-networkx, which .ci/run installs), whose node and edge
 * counts must match the API's own `stats`. It fails, never skips, when no
 * python3 with networkx is found: install python3-networkx, or point
 * GREENGRAPH_PYTHON at a Python that has it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const reader = join(import.meta.dirname, 'support', 'networkxCounts.py');
let base: string;
let dir: string;

beforeAll(async () => {
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
  dir = mkdtempSync(join(tmpdir(), 'greengraph-export-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first Python that imports networkx: GREENGRAPH_PYTHON, python3 on the PATH, or Debian's. */
function pythonWithNetworkx(): string {
  const candidates = [process.env.GREENGRAPH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
  for (const python of candidates) {
    try {
      execFileSync(python, ['-c', 'import networkx'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  throw new Error(
    `No Python with networkx among ${candidates.join(', ')}: install it with \`apt-get install -y python3-networkx\` ` +
      '(.ci/run does) or set GREENGRAPH_PYTHON.',
  );
}

interface Counts {
  nodes: number;
  edges: number;
  directed: boolean;
  nodeTypes: Record<string, number>;
}

async function download(path: string, file: string): Promise<string> {
  const response = await fetch(`${base}${path}`);
  expect(response.status, path).toBe(200);
  const target = join(dir, file);
  writeFileSync(target, await response.text());
  return target;
}

async function stats() {
  const { data, errors } = await graph.execute<{ stats: Record<'entities' | 'relationships' | 'provenanceRelationships' | 'companies' | 'parks' | 'partnerships' | 'pledges' | 'facilities' | 'sources', number> }>(
    '{ stats { entities relationships provenanceRelationships companies parks partnerships pledges facilities sources } }',
  );
  expect(errors).toBeUndefined();
  return data!.stats;
}

describe('exports read back by networkx', () => {
  it('holds as many nodes and edges as stats counts, in GraphML and GEXF, with and without provenance', async () => {
    const python = pythonWithNetworkx();
    const files = {
      graphml: await download('/export/graph.graphml', 'graph.graphml'),
      gexf: await download('/export/graph.gexf', 'graph.gexf'),
      graphmlLean: await download('/export/graph.graphml?provenance=false', 'lean.graphml'),
      gexfLean: await download('/export/graph.gexf?provenance=false', 'lean.gexf'),
    };
    const counts = JSON.parse(execFileSync(python, [reader, ...Object.values(files)], { encoding: 'utf8' })) as Record<string, Counts>;
    const expected = await stats();
    expect(expected.entities).toBeGreaterThan(0);
    expect(expected.provenanceRelationships).toBeGreaterThan(0);

    for (const file of [files.graphml, files.gexf]) {
      expect(counts[file], file).toMatchObject({ nodes: expected.entities, edges: expected.relationships, directed: true });
    }
    for (const file of [files.graphmlLean, files.gexfLean]) {
      expect(counts[file], file).toMatchObject({
        nodes: expected.entities,
        edges: expected.relationships - expected.provenanceRelationships,
        directed: true,
      });
    }
    for (const file of Object.values(files)) {
      expect(counts[file]!.nodeTypes, file).toMatchObject({
        Company: expected.companies,
        Park: expected.parks,
        Partnership: expected.partnerships,
        Pledge: expected.pledges,
        Facility: expected.facilities,
        Source: expected.sources,
      });
    }
  });
});
