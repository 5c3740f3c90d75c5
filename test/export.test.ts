/**
 * Exports for graph tools over HTTP: GraphML, GEXF, JSON nodes/links and CSV,
 * for the whole seed graph and for the neighbourhood of one entity, with and
 * without provenance. The outputs are parsed and compared with what Neo4j
 * holds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
let base: string;
let entityCount: number;
let relationshipCount: number;
let sourcedFromCount: number;

beforeAll(async () => {
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
  const [row] = await graph.db.read(
    `RETURN COUNT { (:Entity) } AS entities, COUNT { (:Entity)-[r]->(:Entity) WHERE type(r) <> 'ACTIVE_IN' } AS relationships,
       COUNT { (:Entity)-[:SOURCED_FROM]->(:Entity) } AS sourcedFrom`,
  );
  entityCount = row!.entities as number;
  relationshipCount = row!.relationships as number;
  sourcedFromCount = row!.sourcedFrom as number;
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

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A small XML reader for GEXF: checks that every tag is closed in order and returns the tree (attribute values unescaped). */
function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const tag = /<(\/?)([\w:]+)((?:\s+[\w:.]+="[^"]*")*)\s*(\/?)>|<\?xml[^>]*\?>|([^<]+)/g;
  for (const [, closing, name, attributeText, selfClosing, text] of xml.matchAll(tag)) {
    if (text !== undefined) {
      stack.at(-1)!.text += text.trim();
      continue;
    }
    if (!name) continue;
    if (closing) {
      expect(stack.pop()!.name, `</${name}> closes the open element`).toBe(name);
      continue;
    }
    const attributes = Object.fromEntries([...(attributeText ?? '').matchAll(/([\w:.]+)="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
    const element: XmlElement = { name, attributes, children: [], text: '' };
    stack.at(-1)!.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  expect(stack.map((e) => e.name)).toEqual(['#document']);
  return root.children[0]!;
}

const child = (element: XmlElement, name: string, attributes: Record<string, string> = {}): XmlElement[] =>
  element.children.filter((c) => c.name === name && Object.entries(attributes).every(([k, v]) => c.attributes[k] === v));

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

describe('GET /export/graph.gexf', () => {
  const attributeTitles = (gexf: XmlElement, on: 'node' | 'edge') =>
    Object.fromEntries(child(child(gexf, 'graph')[0]!, 'attributes', { class: on })[0]!.children.map((a) => [a.attributes.id!, a.attributes]));
  const values = (element: XmlElement, titles: Record<string, Record<string, string>>) =>
    Object.fromEntries((child(element, 'attvalues')[0]?.children ?? []).map((v) => [titles[v.attributes.for!]!.title!, v.attributes.value!]));

  it('is GEXF 1.3 with typed attributes, every entity and every relationship', async () => {
    const response = await get('/export/graph.gexf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/gexf\+xml/);
    expect(response.headers.get('content-disposition')).toContain('filename="greengraph-graph.gexf"');
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const gexf = parseXml(await response.text());
    expect(gexf.name).toBe('gexf');
    expect(gexf.attributes).toMatchObject({ xmlns: 'http://gexf.net/1.3', version: '1.3' });
    expect(child(child(gexf, 'meta')[0]!, 'creator')[0]!.text).toBe('greengraph');
    const graphElement = child(gexf, 'graph')[0]!;
    expect(graphElement.attributes.defaultedgetype).toBe('directed');
    const nodes = child(child(graphElement, 'nodes')[0]!, 'node');
    const edges = child(child(graphElement, 'edges')[0]!, 'edge');
    expect(nodes).toHaveLength(entityCount);
    expect(edges).toHaveLength(relationshipCount);

    const nodeAttributes = attributeTitles(gexf, 'node');
    const typeOf = (title: string) => Object.values(nodeAttributes).find((a) => a.title === title)?.type;
    expect(typeOf('type')).toBe('string');
    expect(typeOf('targetYear')).toBe('long');
    expect(typeOf('foreign')).toBe('boolean');
    expect(typeOf('country')).toBe('string');

    const hubei = nodes.find((n) => n.attributes.id === 'hubei')!;
    expect(hubei.attributes.label).toBe('Hubei');
    expect(values(hubei, nodeAttributes)).toMatchObject({ type: 'Province', code: 'CN-HB', localName: '湖北省' });
    const schneider = nodes.find((n) => n.attributes.id === 'schneider-electric')!;
    expect(values(schneider, nodeAttributes)).toMatchObject({ type: 'Company', country: 'FR', foreign: 'true' });

    const edgeAttributes = attributeTitles(gexf, 'edge');
    const participates = edges.find((e) => e.attributes.source === 'schneider-electric' && e.attributes.target === 'schneider-electric-hubei-zero-carbon-parks')!;
    expect(participates.attributes.label).toBe('PARTICIPATES_IN');
    const edgeValues = values(participates, edgeAttributes);
    expect(edgeValues).toMatchObject({ relationship: 'PARTICIPATES_IN', role: 'LEAD' });
    expect(JSON.parse(edgeValues.sources!)).toContain('report-zero-carbon-parks-de');
    const ids = new Set(nodes.map((n) => n.attributes.id));
    expect(edges.every((e) => ids.has(e.attributes.source) && ids.has(e.attributes.target))).toBe(true);
    expect(new Set(edges.map((e) => e.attributes.id)).size).toBe(edges.length);
  });

  it('exports one entity\'s neighbourhood', async () => {
    const gexf = parseXml(await (await get('/export/graph.gexf?around=sino-german-park-shenyang&depth=1')).text());
    const ids = child(child(child(gexf, 'graph')[0]!, 'nodes')[0]!, 'node').map((n) => n.attributes.id);
    expect(ids).toEqual(expect.arrayContaining(['liaoning', 'sino-german-park-shenyang', 'report-zero-carbon-parks-de']));
    expect(ids).not.toContain('hubei');
  });
});

describe('?provenance=false', () => {
  it('drops the SOURCED_FROM edges and keeps each node\'s source ids as an attribute, in every format', async () => {
    expect(sourcedFromCount).toBeGreaterThan(0);
    const json = (await (await get('/export/graph.json?provenance=false')).json()) as { nodes: any[]; links: any[] };
    expect(json.nodes).toHaveLength(entityCount);
    expect(json.links).toHaveLength(relationshipCount - sourcedFromCount);
    expect(json.links.some((l) => l.type === 'SOURCED_FROM')).toBe(false);
    const [cited] = await graph.db.read(
      'MATCH (:Entity {id: $id})-[:SOURCED_FROM]->(s:Source) RETURN collect(s.id) AS ids',
      { id: 'bmw-brilliance' },
    );
    expect(json.nodes.find((n) => n.id === 'bmw-brilliance').sources.sort()).toEqual((cited!.ids as string[]).sort());

    const gexf = parseXml(await (await get('/export/graph.gexf?provenance=false')).text());
    const edges = child(child(child(gexf, 'graph')[0]!, 'edges')[0]!, 'edge');
    expect(edges).toHaveLength(relationshipCount - sourcedFromCount);
    expect(edges.some((e) => e.attributes.label === 'SOURCED_FROM')).toBe(false);

    const graphml = parseGraphml(await (await get('/export/graph.graphml?provenance=false')).text());
    expect(graphml.filter((e) => e.name === 'edge')).toHaveLength(relationshipCount - sourcedFromCount);
    const sourcesKey = graphml.find((e) => e.name === 'key' && e.attributes.for === 'node' && e.attributes['attr.name'] === 'sources')!;
    const park = graphml.find((e) => e.name === 'node' && e.attributes.id === 'sino-german-park-shenyang')!;
    expect(JSON.parse(park.data[sourcesKey.attributes.id!]!)).toEqual(['report-zero-carbon-parks-de']);

    const edgeRows = parseCsv(await (await get('/export/edges.csv?provenance=false')).text());
    expect(edgeRows).toHaveLength(relationshipCount - sourcedFromCount);
    const companies = parseCsv(await (await get('/export/company.csv?provenance=false')).text());
    expect(JSON.parse(companies.find((r) => r.Id === 'bmw-brilliance')!.sources!).sort()).toEqual((cited!.ids as string[]).sort());
  });

  it('keeps provenance edges by default and with provenance=true', async () => {
    for (const path of ['/export/graph.json', '/export/graph.json?provenance=true']) {
      const { links, nodes } = (await (await get(path)).json()) as { nodes: any[]; links: any[] };
      expect(links.filter((l) => l.type === 'SOURCED_FROM')).toHaveLength(sourcedFromCount);
      expect(nodes.some((n) => 'sources' in n)).toBe(false);
    }
  });

  it('works with around and depth', async () => {
    const { nodes, links } = (await (await get('/export/graph.json?around=sino-german-park-shenyang&depth=1&provenance=false')).json()) as { nodes: any[]; links: any[] };
    expect(nodes.map((n) => n.id)).toContain('report-zero-carbon-parks-de');
    expect(links.some((l) => l.type === 'SOURCED_FROM')).toBe(false);
    expect(nodes.find((n) => n.id === 'liaoning').sources).toEqual(expect.arrayContaining(['iso-3166-2-cn']));
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
  it("writes one node type in Gephi's node-table shape, companies with their country and foreign", async () => {
    const response = await get('/export/company.csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await response.text();
    expect(text.slice(0, text.indexOf('\r\n')).split(',').slice(0, 3)).toEqual(['Id', 'Label', 'type']);
    const rows = parseCsv(text);
    expect(rows.map((r) => r.Id)).toEqual(['bmw-brilliance', 'bmw-group', 'panasonic', 'schneider-electric']);
    expect(rows.find((r) => r.Id === 'bmw-group')).toMatchObject({ Label: 'BMW Group', type: 'Company', name: 'BMW Group', sector: 'Automotive', country: 'DE', foreign: 'true' });
    // A Chinese joint venture is foreign through its German parent (the API's rule).
    expect(rows.find((r) => r.Id === 'bmw-brilliance')).toMatchObject({ country: 'CN', foreign: 'true' });
    expect(JSON.parse(rows.find((r) => r.Id === 'bmw-group')!.aliases!)).toContain('BMW');
  });

  it('never writes internal fields such as aliasText or the lower-cased twins of names', async () => {
    for (const path of ['/export/company.csv', '/export/province.csv', '/export/park.csv', '/export/graph.graphml', '/export/graph.gexf', '/export/graph.json']) {
      const text = await (await get(path)).text();
      expect(text, path).not.toContain('aliasText');
      expect(text, path).not.toMatch(/nameFolded|sectorFolded|titleFolded/);
    }
    const [stored] = await graph.db.read('RETURN COUNT { MATCH (n:Entity) WHERE n.aliasText IS NOT NULL } AS withAliasText, COUNT { MATCH (n:Company) WHERE n.nameFolded IS NOT NULL } AS withFolded');
    expect(stored!.withAliasText).toBeGreaterThan(0);
    expect(stored!.withFolded).toBeGreaterThan(0);
  });

  it('keeps commas, quotes and Chinese text intact', async () => {
    const rows = parseCsv(await (await get('/export/Partnership.csv')).text());
    const geothermal = rows.find((r) => r.Id === 'sino-german-park-geothermal-heating')!;
    const [stored] = await graph.db.read('MATCH (p:Partnership {id: $id}) RETURN p.description AS description', { id: geothermal.Id });
    expect(geothermal.description).toBe(stored!.description);
    const provinces = parseCsv(await (await get('/export/province.csv')).text());
    expect(provinces).toHaveLength(34);
    expect(provinces.find((r) => r.Id === 'hubei')).toMatchObject({ code: 'CN-HB', localName: '湖北省' });
  });

  it("writes relationships in Gephi's edge-table shape: Source, Target, Type Directed and the relationship in its own column", async () => {
    const text = await (await get('/export/edges.csv')).text();
    expect(text.slice(0, text.indexOf('\r\n')).split(',').slice(0, 6)).toEqual(['Source', 'Target', 'Type', 'Id', 'Label', 'relationship']);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(relationshipCount);
    expect(new Set(rows.map((r) => r.Type))).toEqual(new Set(['Directed']));
    expect(rows).toContainEqual(expect.objectContaining({ Source: 'schneider-electric', Target: 'FR', relationship: 'HEADQUARTERED_IN', Label: 'HEADQUARTERED_IN' }));
    expect(rows).toContainEqual(expect.objectContaining({ Source: 'bmw-brilliance', Target: 'bmw-group', relationship: 'SUBSIDIARY_OF', kind: 'JOINT_VENTURE' }));
    expect(new Set(rows.map((r) => r.Id)).size).toBe(rows.length);
  });
});

describe('export errors', () => {
  it('says what exists for an unknown export, an unknown entity and a bad depth', async () => {
    const unknown = await get('/export/graph.dot');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/graph\.graphml.*graph\.gexf.*graph\.json.*edges.*provenance=false/);
    const provenance = await get('/export/graph.gexf?provenance=no');
    expect(provenance.status).toBe(400);
    expect(((await provenance.json()) as { error: string }).error).toBe('provenance must be true or false; got "no".');
    const missing = await get('/export/graph.json?around=no-such-entity');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe('No entity has the id "no-such-entity".');
    const deep = await get('/export/graph.json?around=hubei&depth=7');
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { error: string }).error).toMatch(/depth must be an integer from 1 to 3/);
  });
});
