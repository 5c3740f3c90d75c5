/**
 * The GraphML and GEXF exports read back by independent readers, whose node
 * and edge counts must match the API's own `stats`: graphology's GraphML and
 * GEXF parsers (npm packages, always there after `npm ci`), and networkx as a
 * second reader where a Python with it is found (GREENGRAPH_PYTHON, python3,
 * Debian's python3-networkx); its absence is reported, not failed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';
import { graphFileCounts, type GraphFileCounts } from './support/graphFileReader.js';

const graph = useSeededGraph();
const networkxReader = join(import.meta.dirname, 'support', 'networkxCounts.py');
let base: string;
let dir: string;

beforeAll(async () => {
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
  dir = mkdtempSync(join(tmpdir(), 'greengraph-export-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first Python that imports networkx: GREENGRAPH_PYTHON, python3 on the PATH, or Debian's; undefined when none does. */
function pythonWithNetworkx(): string | undefined {
  const candidates = [process.env.GREENGRAPH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
  return candidates.find((python) => {
    try {
      execFileSync(python, ['-c', 'import networkx'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
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

/** Downloaded once for both readers: one set of files, read twice. */
let downloaded: Promise<{ files: Record<'graphml' | 'gexf' | 'graphmlLean' | 'gexfLean', string>; expected: Awaited<ReturnType<typeof stats>> }> | undefined;

function exportsAndExpected() {
  return (downloaded ??= downloadExports());
}

async function downloadExports() {
  const files = {
    graphml: await download('/export/graph.graphml', 'graph.graphml'),
    gexf: await download('/export/graph.gexf', 'graph.gexf'),
    graphmlLean: await download('/export/graph.graphml?provenance=false', 'lean.graphml'),
    gexfLean: await download('/export/graph.gexf?provenance=false', 'lean.gexf'),
  };
  const expected = await stats();
  expect(expected.entities).toBeGreaterThan(0);
  expect(expected.provenanceRelationships).toBeGreaterThan(0);
  return { files, expected };
}

function expectCounts(counts: Record<string, GraphFileCounts>, files: Record<'graphml' | 'gexf' | 'graphmlLean' | 'gexfLean', string>, expected: Awaited<ReturnType<typeof stats>>): void {
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
}

describe('exports read back by independent readers', () => {
  it('graphology: as many nodes and edges as stats counts, in GraphML and GEXF, with and without provenance', async () => {
    const { files, expected } = await exportsAndExpected();
    expectCounts(Object.fromEntries(Object.values(files).map((file) => [file, graphFileCounts(file)])), files, expected);
  });

  it('networkx, where a Python has it: the same counts', async (context) => {
    const python = pythonWithNetworkx();
    if (!python) {
      context.annotate('no Python with networkx here: read back by graphology only (apt-get install python3-networkx adds this reader)');
      return;
    }
    const { files, expected } = await exportsAndExpected();
    const counts = JSON.parse(execFileSync(python, [networkxReader, ...Object.values(files)], { encoding: 'utf8' })) as Record<string, GraphFileCounts>;
    expectCounts(counts, files, expected);
  });
});
