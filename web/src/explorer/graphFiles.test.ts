import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { escapeXml, toGexf, toGraphML, type GraphView } from './graphFiles.js';

const view: GraphView = {
  nodes: [
    { id: 'hubei', label: 'Hubei 湖北', type: 'Province', year: null, x: 10, y: 20, colour: '#9467bd' },
    { id: 'p&1', label: 'A "quoted" <partnership>', type: 'Partnership', year: 2024, x: -5.5, y: 0.125, colour: '#ff7f0e' },
  ],
  edges: [{ id: 'p&1-LOCATED_IN-hubei', source: 'p&1', target: 'hubei', type: 'LOCATED_IN', sourceIds: ['s1', 's2'] }],
};

describe('graph files of the current view', () => {
  it('escapes XML and drops characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"c"'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;');
  });

  it('writes GraphML with typed node and edge attributes', () => {
    const graphml = toGraphML(view);
    expect(graphml).toContain('<graph id="greengraph" edgedefault="directed">');
    expect(graphml).toContain('<node id="p&amp;1"><data key="label">A &quot;quoted&quot; &lt;partnership&gt;</data><data key="type">Partnership</data><data key="year">2024</data>');
    expect(graphml).toContain('<node id="hubei"><data key="label">Hubei 湖北</data><data key="type">Province</data><data key="x">');
    expect(graphml).toContain('<edge id="p&amp;1-LOCATED_IN-hubei" source="p&amp;1" target="hubei"><data key="relationship">LOCATED_IN</data><data key="sourceIds">s1 s2</data></edge>');
  });

  it('writes GEXF 1.3 with positions flipped to point up, as Gephi draws them', () => {
    const gexf = toGexf(view, new Date('2026-11-25T00:00:00Z'));
    expect(gexf).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(gexf).toContain('<meta lastmodifieddate="2026-11-25">');
    expect(gexf).toContain('<viz:color r="148" g="103" b="189"/><viz:position x="10" y="-20" z="0"/>');
    expect(gexf).toContain('<attvalue for="year" value="2024"/>');
    expect(gexf).toContain('label="LOCATED_IN"><attvalues><attvalue for="type" value="LOCATED_IN"/><attvalue for="sourceIds" value="s1 s2"/>');
  });

  // An independent reader: Debian's python3-networkx (.ci/run installs it).
  it('are read back by networkx with the same nodes, edges and attributes', () => {
    const script = `
import sys, json, networkx as nx, io
g = nx.read_graphml(io.BytesIO(sys.argv[1].encode())) if sys.argv[2] == 'graphml' else nx.read_gexf(io.BytesIO(sys.argv[1].encode()))
print(json.dumps({'nodes': sorted(g.nodes(data=True), key=lambda n: n[0]), 'edges': [[a, b, d.get('type') or d.get('relationship')] for a, b, d in g.edges(data=True)]}, default=str, ensure_ascii=False))`;
    const read = (text: string, format: string) => JSON.parse(execFileSync('python3', ['-c', script, text, format], { encoding: 'utf8' }));
    const graphml = read(toGraphML(view), 'graphml');
    expect(graphml.nodes.map((n: [string, Record<string, unknown>]) => [n[0], n[1].label, n[1].year])).toEqual([
      ['hubei', 'Hubei 湖北', undefined],
      ['p&1', 'A "quoted" <partnership>', 2024],
    ]);
    expect(graphml.edges).toEqual([['p&1', 'hubei', 'LOCATED_IN']]);
    const gexf = read(toGexf(view), 'gexf');
    expect(gexf.nodes.map((n: [string, Record<string, unknown>]) => [n[0], n[1].label, n[1].type, n[1].year])).toEqual([
      ['hubei', 'Hubei 湖北', 'Province', undefined],
      ['p&1', 'A "quoted" <partnership>', 'Partnership', 2024],
    ]);
    expect(gexf.edges).toEqual([['p&1', 'hubei', 'LOCATED_IN']]);
  });
});
