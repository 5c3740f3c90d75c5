/**
 * Exports for graph tools over HTTP: GraphML, JSON nodes/links and CSV, for
 * the whole seed graph and for the neighbourhood of one entity. The outputs
 * are parsed and compared with what Neo4j holds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
let base: string;
let entityCount: number;
let relationshipCount: number;

beforeAll(async () => {
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
  const [row] = await graph.db.read(
    'RETURN COUNT { (:Entity) } AS entities, COUNT { (:Entity)-[r]->(:Entity) WHERE type(r) <> 'ACTIVE_IN' } AS relationships',
  );
  entityCount = row!.entities as number;
  relationshipCount = row!.relationships as number;
});

const get = (path: string) => fetch(`${base}${path}`);

/** Checks that every tag is closed in order (well-formed for our purposes) and returns the elements with their attributes and data. */
function parseGraphml(xml: string) {
  const stack: string[] = [];
  const elements: { name: string; attributes: Record<string, string>; data: Record<string, string> }[] = [];
  const tag = /<(\/?)([\w:]+)((?:\s+[\w:.]+="[^"]*")*)\s*(\/?)>|<\?xml[^>]*\?>|([^<]+)/g;
  let current: (typeof elements)[number] | null = null;
  let dataKey: string | null = null;
  for (const match of xml.matchAll(tag)) {
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) {
      if (text.trim() && dataKey && current) current.data[dataKey] = (current.data[dataKey] ?? '') + text;
      else if (text.trim()) throw new Error(`text outside <data>: ${text}`);
      continue;
    }
    if (!name) continue;
    if (closing) {
      expect(stack.pop(), `</${name}> closes the open element`).toBe(name);
      if (name === 'data') dataKey = null;
      continue;
    }
    const attributes = Object.fromEntries([...(attributeText ?? '').matchAll(/([\w:.]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (name === 'data') dataKey = attributes.key!;
    else {
      current = { name, attributes, data: {} };
      elements.push(current);
    }
    if (!selfClosing) stack.push(name);
  }
  expect(stack).toEqual([]);
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  for (const element of elements) for (const key of Object.keys(element.data)) element.data[key] = unescape(element.data[key]!);
  return elements;
}

/** RFC 4180, enough for the test: quoted fields with doubled quotes and line breaks. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}

describe('GET /export/graph.graphml', () => {
  it('declares typed keys and holds every entity and relationship of the graph', async () => {
    const response = await get('/export/graph.graphml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="greengraph-graph.graphml"/);
    // Streamed: written as it is read, so its length is not known up front.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const elements = parseGraphml(await response.text());
    const keys = elements.filter((e) => e.name === 'key');
    const nodes = elements.filter((e) => e.name === 'node');
    const edges = elements.filter((e) => e.name === 'edge');
    expect(nodes).toHaveLength(entityCount);
    expect(edges).toHaveLength(relationshipCount);

    const key = (on: string, name: string) => keys.find((k) => k.attributes.for === on && k.attributes['attr.name'] === name);
    expect(key('node', 'type')?.attributes['attr.type']).toBe('string');
    expect(key('node', 'targetYear')?.attributes['attr.type']).toBe('long');
    expect(key('node', 'localName')?.attributes['attr.type']).toBe('string');
    expect(key('edge', 'type')).toBeDefined();
    expect(key('edge', 'sources')?.attributes['attr.type']).toBe('string');
    expect(new Set(keys.map((k) => k.attributes.id)).size).toBe(keys.length);

    const byName = (on: string) => Object.fromEntries(keys.filter((k) => k.attributes.for === on).map((k) => [k.attributes.id!, k.attributes['attr.name']!]));
    const nodeData = (id: string) => {
      const node = nodes.find((n) => n.attributes.id === id)!;
      const names = byName('node');
      return Object.fromEntries(Object.entries(node.data).map(([k, v]) => [names[k], v]));
    };
    expect(nodeData('schneider-electric')).toMatchObject({ type: 'Company', label: 'Schneider Electric', name: 'Schneider Electric' });
    expect(nodeData('hubei')).toMatchObject({ type: 'Province', code: 'CN-HB', localName: '湖北省' });
    expect(nodeData('china-carbon-neutrality-2060')).toMatchObject({ type: 'Pledge', targetYear: '2060' });

    const ids = new Set(nodes.map((n) => n.attributes.id));
    for (const edge of edges) {
      expect(ids.has(edge.attributes.source)).toBe(true);
      expect(ids.has(edge.attributes.target)).toBe(true);
    }
    const edgeNames = byName('edge');
    const participates = edges.find((e) => e.attributes.source === 'schneider-electric' && e.attributes.target === 'schneider-electric-hubei-zero-carbon-parks')!;
    const data = Object.fromEntries(Object.entries(participates.data).map(([k, v]) => [edgeNames[k], v]));
    expect(data).toMatchObject({ type: 'PARTICIPATES_IN', role: 'LEAD' });
    expect(JSON.parse(data.sources!)).toContain('report-zero-carbon-parks-de');
  });

  it('exports only the neighbourhood of one entity, with the sources it cites', async () => {
    const response = await get('/export/graph.graphml?around=sino-german-park-shenyang&depth=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('greengraph-graph-around-sino-german-park-shenyang.graphml');
    const elements = parseGraphml(await response.text());
    const ids = elements.filter((e) => e.name === 'node').map((e) => e.attributes.id).sort();
    expect(ids).toEqual(
      expect.arrayContaining(['liaoning', 'sino-german-park-geothermal-heating', 'sino-german-park-shenyang', 'sino-german-park-zero-carbon-2027', 'report-zero-carbon-parks-de']),
    );
    expect(ids).not.toContain('schneider-electric');
    expect(ids).not.toContain('hubei');
    for (const edge of elements.filter((e) => e.name === 'edge')) {
      expect(ids).toContain(edge.attributes.source);
      expect(ids).toContain(edge.attributes.target);
    }
  });
});

describe('GET /export/graph.json', () => {
  it('streams nodes and links that reference them', async () => {
    const response = await get('/export/graph.json');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { nodes, links } = (await response.json()) as { nodes: any[]; links: any[] };
    expect(nodes).toHaveLength(entityCount);
    expect(links).toHaveLength(relationshipCount);
    expect(nodes.find((n) => n.id === 'bmw-brilliance')).toMatchObject({ type: 'Company', label: 'BMW Brilliance Automotive', sector: 'Automotive' });
    expect(links).toContainEqual(
      expect.objectContaining({ source: 'bmw-brilliance', target: 'bmw-group', type: 'SUBSIDIARY_OF', kind: 'JOINT_VENTURE' }),
    );
    const ids = new Set(nodes.map((n) => n.id));
    expect(links.every((l) => ids.has(l.source) && ids.has(l.target))).toBe(true);
    expect(nodes.map((n) => n.id)).toEqual([...nodes.map((n) => n.id)].sort());
  });

  it('grows with depth around an entity', async () => {
    const one = (await (await get('/export/graph.json?around=bmw-brilliance&depth=1')).json()) as { nodes: any[] };
    const three = (await (await get('/export/graph.json?around=bmw-brilliance&depth=3')).json()) as { nodes: any[] };
    expect(one.nodes.map((n) => n.id)).toContain('bmw-group');
    expect(one.nodes.map((n) => n.id)).not.toContain('sino-german-park-zero-carbon-2027');
    expect(three.nodes.map((n) => n.id)).toContain('sino-german-park-zero-carbon-2027');
    expect(three.nodes.length).toBeGreaterThan(one.nodes.length);
  });
});

describe('GET /export/<type>.csv', () => {
  it('writes one node type with a header row of its properties', async () => {
    const response = await get('/export/company.csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await response.text());
    expect(rows.map((r) => r.id)).toEqual(['bmw-brilliance', 'bmw-group', 'panasonic', 'schneider-electric']);
    expect(rows.find((r) => r.id === 'bmw-group')).toMatchObject({ label: 'BMW Group', name: 'BMW Group', sector: 'Automotive' });
    expect(JSON.parse(rows.find((r) => r.id === 'bmw-group')!.aliases!)).toContain('BMW');
  });

  it('keeps commas, quotes and Chinese text intact', async () => {
    const rows = parseCsv(await (await get('/export/Partnership.csv')).text());
    const geothermal = rows.find((r) => r.id === 'sino-german-park-geothermal-heating')!;
    const [stored] = await graph.db.read('MATCH (p:Partnership {id: $id}) RETURN p.description AS description', { id: geothermal.id });
    expect(geothermal.description).toBe(stored!.description);
    const provinces = parseCsv(await (await get('/export/province.csv')).text());
    expect(provinces).toHaveLength(34);
    expect(provinces.find((r) => r.id === 'hubei')).toMatchObject({ code: 'CN-HB', localName: '湖北省' });
  });

  it('writes relationships as an edge table', async () => {
    const rows = parseCsv(await (await get('/export/edges.csv')).text());
    expect(rows).toHaveLength(relationshipCount);
    expect(rows).toContainEqual(expect.objectContaining({ source: 'schneider-electric', target: 'FR', type: 'HEADQUARTERED_IN' }));
  });
});

describe('export errors', () => {
  it('says what exists for an unknown export, an unknown entity and a bad depth', async () => {
    const unknown = await get('/export/graph.gexf');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/graph\.graphml.*graph\.json.*edges/);
    const missing = await get('/export/graph.json?around=no-such-entity');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe('No entity has the id "no-such-entity".');
    const deep = await get('/export/graph.json?around=hubei&depth=7');
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { error: string }).error).toMatch(/depth must be an integer from 1 to 3/);
  });
});
