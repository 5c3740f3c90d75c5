/**
 * Countries, provinces and cities are write kinds like any other: the seed
 * writes them through the writer, and an import may state them, checked as
 * every record is.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, importFiles } from '../src/import/checkImport.js';
import { writeImport } from '../src/import/importer.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

function files(contents: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'gg-reference-'));
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  return importFiles(Object.keys(contents).map((name) => join(dir, name))).files;
}

const SOURCE = 'sources.csv';
const sourceFile = 'id,title,publisher\nreference-test-iso,ISO 3166-1 (test copy),ISO\n';

describe('reference data as write kinds', { timeout: 120_000 }, () => {
  it('imports a country, so that a company can be headquartered in it, citing its source with the writer stamp', async () => {
    const input = files({
      [SOURCE]: sourceFile,
      'countries.csv': 'code,name,localName,source\nNO,Norway,Norge,reference-test-iso\n',
      'companies.csv': 'id,name,country,source\nreference-test-norwegian-firm,Norwegian Firm,NO,reference-test-iso\n',
    });
    const { problems, rows } = await checkImport(input, (cypher, params) => graph.db.read(cypher, params));
    expect(problems).toEqual([]);
    await writeImport(graph.db, input, rows, { by: 'reference-test' });
    const [row] = await graph.db.read(`
MATCH (k:Country {code: 'NO'})-[sf:SOURCED_FROM]->(:Source {id: 'reference-test-iso'})
MATCH (c:Company {id: 'reference-test-norwegian-firm'})-[:HEADQUARTERED_IN]->(k)
RETURN k.id AS id, k.name AS name, k.createdBy AS createdBy, sf.recordedBy AS recordedBy, c.foreign AS foreign`);
    expect(row).toEqual({ id: 'NO', name: 'Norway', createdBy: 'reference-test', recordedBy: ['reference-test'], foreign: true });
    const { data } = await graph.execute('{ country(code: "NO") { name localName } company(id: "reference-test-norwegian-firm") { country { code } } }');
    expect(data).toEqual({ country: { name: 'Norway', localName: 'Norge' }, company: { country: { code: 'NO' } } });
  });

  it('adds a source to a province and a city, appending it to their PART_OF links, and changes nothing else', async () => {
    const input = files({
      [SOURCE]: sourceFile,
      'provinces.csv': 'id,code,name,localName,kind,source\nhubei,CN-HB,Hubei,湖北省,PROVINCE,reference-test-iso\n',
      'cities.csv': 'id,code,name,localName,kind,province,source\nwuhan-420100,420100,Wuhan,武汉市,CITY,CN-HB,reference-test-iso\n',
    });
    const before = await graph.db.read(`MATCH (p:Province {code: 'CN-HB'}) RETURN p.name AS name, p.updatedAt AS updatedAt`);
    const { problems, rows } = await checkImport(input, (cypher, params) => graph.db.read(cypher, params));
    expect(problems).toEqual([]);
    await writeImport(graph.db, input, rows, { by: 'reference-test' });
    const [row] = await graph.db.read(`
MATCH (c:City {id: 'wuhan-420100'})-[cp:PART_OF]->(p:Province {code: 'CN-HB'})-[pc:PART_OF]->(:Country {code: 'CN'})
RETURN cp.sources AS city, pc.sources AS province, p.name AS name, p.updatedAt AS updatedAt`);
    expect(row).toEqual({
      city: ['nbs-statistical-division-codes-2023', 'reference-test-iso'],
      province: ['iso-3166-2-cn', 'mca-administrative-divisions', 'reference-test-iso'],
      name: before[0]!.name,
      updatedAt: before[0]!.updatedAt,
    });
  });

  it('refuses a province or a city that is not the one the reference lists give, naming the line and what is allowed', async () => {
    const input = files({
      [SOURCE]: sourceFile,
      'provinces.csv': 'id,code,name,kind,source\nhubei-province,CN-HB,Hubei,PROVINCE,reference-test-iso\nnowhere,CN-XX,Nowhere,PROVINCE,reference-test-iso\n',
      'cities.csv': 'id,code,name,kind,province,source\nwuhan-420100,420100,Wuhan,CITY,CN-HN,reference-test-iso\natlantis-999999,999999,Atlantis,CITY,CN-HB,reference-test-iso\n',
    });
    const { problems } = await checkImport(input, (cypher, params) => graph.db.read(cypher, params));
    const text = problems.join('\n');
    expect(text).toMatch(/provinces\.csv:2: .*"id" of CN-HB must be "hubei"/);
    expect(text).toMatch(/provinces\.csv:3: .*ISO 3166-2:CN province code such as CN-HB/);
    expect(text).toMatch(/cities\.csv:2: .*wuhan-420100 is 420100 in CN-HB/);
    expect(text).toMatch(/cities\.csv:3: .*prefecture-level city of the NBS list/);
    expect(await graph.db.read(`MATCH (n:Entity) WHERE n.id IN ['hubei-province', 'nowhere', 'atlantis-999999'] RETURN n.id AS id`)).toEqual([]);
  });
});
