/**
 * Text that cannot hurt the people who read it: names, titles and statements
 * refuse control and bidirectional formatting characters (through the API and
 * the bulk import alike), CSV exports neutralise formulas, and GraphML and
 * JSON exports hold exactly the strings the database holds.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseImportFile } from '../src/import/importFormats.js';
import { planImport } from '../src/import/importPlan.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);
let base: string;

const UPSERT_COMPANY = 'mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id name } }';
const UPSERT_FACILITY = 'mutation($input: UpsertFacilityInput!) { upsertFacility(input: $input) { id description } }';

/** XML specials, quotes, CJK, an emoji (a surrogate pair), a left-to-right mark and a leading formula sign. */
const AWKWARD = `=1+2 <b>"Ölwerk" & 'Söhne'</b> 湖北 🌱 \u200E]]>`;

async function editor(query: string, input: Record<string, unknown>) {
  return (await writers.post(query, { input }, writers.keys.editor)).body as { data?: any; errors?: any[] };
}

async function exists(id: string): Promise<boolean> {
  const [row] = await graph.db.read('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id });
  return row!.n === 1;
}

beforeAll(async () => {
  // useWriters has the server listening already.
  base = `http://127.0.0.1:${(graph.server.http.address() as AddressInfo).port}`;
  const source = await editor('mutation($input: SourceInput!) { upsertSource(input: $input) { id } }', { id: 'hygiene-src', title: AWKWARD });
  expect(source.errors).toBeUndefined();
});

describe('text refused on the way in', () => {
  it('refuses a bidi override in a name: BAD_USER_INPUT naming the field and the character, nothing written', async () => {
    const answer = await editor(UPSERT_COMPANY, { id: 'spoofed-name', name: 'Acme \u202Egnp.exe', source: { id: 'hygiene-src' } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(answer.errors![0].message).toMatch(/^input\.name: "name" must not contain U\+202E \(a bidirectional formatting character\)/);
    expect(await exists('spoofed-name')).toBe(false);
  });

  it('refuses NUL and other control characters, and allows line feeds and tabs only in long text', async () => {
    const nul = await editor(UPSERT_COMPANY, { id: 'nul-name', name: 'Acme\u0000', aliases: ['ok', 'bell\u0007'], source: { id: 'hygiene-src' } });
    expect(nul.errors![0].extensions.problems.map((p: any) => [p.field, p.message.slice(0, 40)])).toEqual([
      ['input.name', '"name" must not contain U+0000 (a contro'],
      ['input.aliases[1]', '"aliases[1]" must not contain U+0007 (a '],
    ]);
    expect(await exists('nul-name')).toBe(false);
    const lineInName = await editor(UPSERT_COMPANY, { id: 'two-line-name', name: 'Acme\nLtd', source: { id: 'hygiene-src' } });
    expect(lineInName.errors![0].message).toMatch(/U\+000A/);
    const described = await editor(UPSERT_FACILITY, {
      id: 'hygiene-plant', name: AWKWARD, kind: 'PLANT', province: 'CN-HB', description: `First line;\r\n\tsecond ${AWKWARD}`, source: { id: 'hygiene-src' },
    });
    expect(described.errors).toBeUndefined();
    expect(described.data.upsertFacility.description).toBe(`First line;\n\tsecond ${AWKWARD}`);
  });

  it('applies the same rules to the bulk import', async () => {
    const csv = 'id,name,country,source\nimported-ok,Fine name,DE,hygiene-src\nimported-bad,"Bad \u2066name",DE,hygiene-src\n';
    const { problems } = await planImport([parseImportFile('companies.csv', csv)], (cypher, params) => graph.db.read(cypher, params));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^companies\.csv:3: name: "name" must not contain U\+2066 \(a bidirectional formatting character\)/);
  });
});

describe('exports', () => {
  beforeAll(async () => {
    const answer = await editor(UPSERT_COMPANY, { id: 'awkward-company', name: AWKWARD, aliases: [AWKWARD, '-alias'], source: { id: 'hygiene-src' } });
    expect(answer.errors).toBeUndefined();
  });

  /** Every string (and list of strings) stored on an exported node or relationship, keyed by node id or relationship element id. */
  async function storedStrings() {
    const pick = (x: string) => `[k IN keys(${x}) WHERE valueType(${x}[k]) STARTS WITH 'STRING' OR valueType(${x}[k]) STARTS WITH 'LIST<STRING' | [k, ${x}[k]]]`;
    const nodes = await graph.db.read(`MATCH (n:Entity) RETURN n.id AS key, ${pick('n')} AS values`);
    const edges = await graph.db.read(`MATCH (:Entity)-[r]->(:Entity) RETURN elementId(r) AS key, ${pick('r')} AS values`);
    const toMap = (rows: typeof nodes) => new Map(rows.map((row) => [row.key as string, new Map(row.values as [string, unknown][])]));
    return { nodes: toMap(nodes), edges: toMap(edges) };
  }

  it('GraphML, read by a conformant XML parser, holds exactly the strings the database holds', async () => {
    const xml = await (await fetch(`${base}/export/graph.graphml`)).text();
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    const keys = new Map([...Array.from(document.getElementsByTagName('key'))].map((k) => [k.getAttribute('id')!, k.getAttribute('attr.name')!]));
    const exported = (tag: 'node' | 'edge') =>
      new Map(
        Array.from(document.getElementsByTagName(tag)).map((element) => [
          element.getAttribute('id')!,
          new Map([
            // A node's id is the GraphML node id, not a <data> of its own.
            ...(tag === 'node' ? [['id', element.getAttribute('id')!] as const] : []),
            ...Array.from(element.getElementsByTagName('data')).map((d) => [keys.get(d.getAttribute('key')!)!, d.textContent ?? ''] as const),
          ]),
        ]),
      );
    const stored = await storedStrings();
    let compared = 0;
    expect(exported('node').get('awkward-company')?.get('name')).toBe(AWKWARD);
    for (const [tag, expected] of [['node', stored.nodes], ['edge', stored.edges]] as const) {
      const found = exported(tag);
      expect(found.size).toBe(expected.size);
      for (const [id, values] of expected) {
        for (const [name, value] of values) {
          const text = found.get(id)?.get(name);
          expect(typeof value === 'string' ? text : JSON.parse(text!), `${tag} ${id}.${name}`).toEqual(value);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('JSON holds exactly the strings the database holds', async () => {
    const json = (await (await fetch(`${base}/export/graph.json`)).json()) as { nodes: Record<string, unknown>[]; links: Record<string, unknown>[] };
    const stored = await storedStrings();
    const nodes = new Map(json.nodes.map((n) => [n.id as string, n]));
    for (const [id, values] of stored.nodes) for (const [name, value] of values) expect(nodes.get(id)?.[name], `${id}.${name}`).toEqual(value);
    expect(nodes.get('awkward-company')?.aliases).toEqual([AWKWARD, '-alias']);
    // Links carry no element id: compare them by (source, type, target) where that names one relationship.
    const rows = await graph.db.read(`
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id + '>' + type(r) + '>' + b.id AS key,
       [k IN keys(r) WHERE valueType(r[k]) STARTS WITH 'STRING' OR valueType(r[k]) STARTS WITH 'LIST<STRING' | [k, r[k]]] AS values`);
    expect(json.links).toHaveLength(rows.length);
    const links = new Map<string, Record<string, unknown>[]>();
    for (const link of json.links) {
      const key = `${link.source}>${link.type}>${link.target}`;
      links.set(key, [...(links.get(key) ?? []), link]);
    }
    let compared = 0;
    for (const row of rows) {
      const [link, ...more] = links.get(row.key as string) ?? [];
      if (more.length) continue;
      for (const [name, value] of row.values as [string, unknown][]) {
        expect(link?.[name], `${row.key as string}.${name}`).toEqual(value);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('CSV neutralises cells a spreadsheet would run as a formula', async () => {
    const csv = await (await fetch(`${base}/export/company.csv`)).text();
    const line = csv.split('\r\n').find((l) => l.startsWith('awkward-company,'))!;
    expect(line.startsWith(`awkward-company,"'=1+2 <b>""Ölwerk""`)).toBe(true);
    expect(line).toContain(`"[""=1+2`);
    expect(csv).not.toMatch(/(^|,)"?[=+@-]/m);
  });
});
