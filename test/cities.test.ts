/**
 * China's prefecture-level cities as reference data: seeded and cited like
 * the provinces, parks and facilities placed in a city of their province
 * (checked by mutations and by the import), and search finding a park by its
 * city's Chinese or English name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS, checkImport, importFiles } from '../src/import/checkImport.js';
import { Checker } from '../src/write/validate.js';
import type { ParkRow } from '../src/park/park.write.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);

const UPSERT_PARK = `mutation($input: UpsertParkInput!) {
  upsertPark(input: $input) { id city province { code } prefectureCity { id code name localName } }
}`;
const newPark = (extra: Record<string, unknown>) => ({
  id: 'city-test-park',
  name: 'City test park (example)',
  province: 'CN-LN',
  source: { new: { id: 'city-test-source', title: 'City test source (fictional)' } },
  ...extra,
});

describe('cities as reference data', () => {
  it("seeds China's 333 prefecture-level divisions, each part of its province and citing the statistics bureau", async () => {
    const [row] = await graph.db.read(`
MATCH (s:Source {id: 'nbs-statistical-division-codes-2023'})
RETURN s.publisher AS publisher, COUNT { (:City) } AS cities, COUNT { (:City)-[:SOURCED_FROM]->(s) } AS cited`);
    expect(row).toEqual({ publisher: 'National Bureau of Statistics of China', cities: 333, cited: 333 });
    const [unplaced] = await graph.db.read('MATCH (c:City) WHERE NOT (c)-[:PART_OF]->(:Province) RETURN count(c) AS n');
    expect(unplaced!.n).toBe(0);
  });

  it('answers a city by its GB/T 2260 code with its Pinyin and Chinese names and its province', async () => {
    const { data, errors } = await graph.execute('{ city(code: "210100") { id code name localName kind province { code } sources { publisher } } }');
    expect(errors).toBeUndefined();
    expect(data!.city).toEqual({
      id: 'shenyang-210100',
      code: '210100',
      name: 'Shenyang',
      localName: '沈阳市',
      kind: 'CITY',
      province: { code: 'CN-LN' },
      sources: [{ publisher: 'National Bureau of Statistics of China' }],
    });
  });

  it("places the seed's Shenyang park and plant in Shenyang, keeping `city` the string it was", async () => {
    const { data, errors } = await graph.execute(`{
      park(id: "sino-german-park-shenyang") { city prefectureCity { id province { code } } }
      facility(id: "bmw-brilliance-tiexi-plant") { city prefectureCity { id } }
      jiangsu: facility(id: "panasonic-zero-carbon-factories-jiangsu") { city prefectureCity { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      park: { city: 'Shenyang', prefectureCity: { id: 'shenyang-210100', province: { code: 'CN-LN' } } },
      facility: { city: 'Shenyang', prefectureCity: { id: 'shenyang-210100' } },
      jiangsu: { city: null, prefectureCity: null },
    });
  });
});

describe('search by city', () => {
  for (const text of ['沈阳', 'Shenyang']) {
    it(`finds the Sino-German park and the BMW plant through their city with "${text}"`, async () => {
      const { data, errors } = await graph.execute('query($text: String!) { search(text: $text, first: 10) { node { __typename id } } }', { text });
      expect(errors).toBeUndefined();
      const ids = data!.search.map((hit: { node: { id: string } }) => hit.node.id);
      expect(ids).toContain('sino-german-park-shenyang');
      expect(ids).toContain('bmw-brilliance-tiexi-plant');
      expect(ids).toContain('shenyang-210100');
    });
  }

  it('narrows to parks with types', async () => {
    const { data } = await graph.execute('{ search(text: "沈阳", types: [Park]) { node { __typename id } } }');
    expect(data!.search).toEqual([{ node: { __typename: 'Park', id: 'sino-german-park-shenyang' } }]);
  });
});

describe('a park or facility lies in a city of its province (checked on write)', () => {
  it('refuses a city of another province, saying where it is and what is allowed, and writes nothing', async () => {
    const { body } = await writers.post(UPSERT_PARK, { input: newPark({ city: 'Wuhan' }) }, writers.keys.editor);
    expect(body.data).toBeNull();
    const [error] = body.errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('"city" must be a prefecture-level city in CN-LN, but got "Wuhan" (Wuhan (武汉市) is in CN-HB)');
    expect(error.message).toContain('Shenyang (沈阳市, 210100)');
    const [row] = await graph.db.read("RETURN EXISTS { (:Entity {id: 'city-test-park'}) } AS park, EXISTS { (:Entity {id: 'city-test-source'}) } AS source");
    expect(row).toEqual({ park: false, source: false });
  });

  it('refuses a name that is no city at all', async () => {
    const { body } = await writers.post(UPSERT_PARK, { input: newPark({ city: 'Atlantis' }) }, writers.keys.editor);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/"city" must be a prefecture-level city in CN-LN, but got "Atlantis"\. Allowed: /);
  });

  it('accepts the Chinese name, stores the English one and links the City; a new city moves the link; null clears it', async () => {
    const created = await writers.post(UPSERT_PARK, { input: newPark({ city: '沈阳' }) }, writers.keys.editor);
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.upsertPark).toEqual({
      id: 'city-test-park',
      city: 'Shenyang',
      province: { code: 'CN-LN' },
      prefectureCity: { id: 'shenyang-210100', code: '210100', name: 'Shenyang', localName: '沈阳市' },
    });
    const moved = await writers.post(UPSERT_PARK, { input: newPark({ city: '210200', source: { id: 'city-test-source' } }) }, writers.keys.editor);
    expect(moved.body.data.upsertPark).toMatchObject({ city: 'Dalian', prefectureCity: { code: '210200' } });
    const [links] = await graph.db.read("MATCH (:Park {id: 'city-test-park'})-[r:IN_CITY]->(c:City) RETURN collect(c.code) AS cities, collect(r.sources) AS sources");
    expect(links).toEqual({ cities: ['210200'], sources: [['city-test-source']] });
    const cleared = await writers.post(UPSERT_PARK, { input: newPark({ city: null, source: { id: 'city-test-source' } }) }, writers.keys.editor);
    expect(cleared.body.data.upsertPark).toMatchObject({ city: null, prefectureCity: null });
  });

  it('takes a municipality as its own city', async () => {
    const { body } = await writers.post(
      UPSERT_PARK,
      { input: newPark({ id: 'city-test-shanghai-park', province: 'CN-SH', city: '上海', source: { id: 'city-test-source' } }) },
      writers.keys.editor,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.upsertPark).toEqual({ id: 'city-test-shanghai-park', city: 'Shanghai', province: { code: 'CN-SH' }, prefectureCity: null });
  });

  it('checks facilities the same way', async () => {
    const { body } = await writers.post(
      `mutation($input: UpsertFacilityInput!) { upsertFacility(input: $input) { id city prefectureCity { id } } }`,
      { input: { id: 'city-test-plant', name: 'City test plant (example)', kind: 'PLANT', province: 'CN-HB', city: 'Shenyang', source: { id: 'city-test-source' } } },
      writers.keys.editor,
    );
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toContain('Shenyang (沈阳市) is in CN-LN');
  });

  it('checks the import the same way, naming the file and line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gg-cities-')), 'parks.csv');
    writeFileSync(
      file,
      'id,name,city,province,source\ncity-import-park,City import park (example),Shenyang,CN-HB,report-zero-carbon-parks-de\nok-park,OK park (example),武汉,CN-HB,report-zero-carbon-parks-de\n',
    );
    const { problems } = await checkImport(importFiles([file]).files, (cypher, params) => graph.db.read(cypher, params));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/parks\.csv:2: city: "city" must be a prefecture-level city in CN-HB, but got "Shenyang"/);
    const ok = CHECKS.parks(new Checker(''), { id: 'ok-park', name: 'OK park (example)', city: '武汉', province: 'CN-HB', source: 'report-zero-carbon-parks-de' }).row as ParkRow;
    expect([ok.id, ok.props.city, ok.cityId]).toEqual(['ok-park', 'Wuhan', 'wuhan-420100']);
  });
});
