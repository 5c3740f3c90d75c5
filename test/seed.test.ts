/**
 * The seed graph: sourced, complete and idempotent.
 */
import { describe, expect, it } from 'vitest';
import { applySeed, checkSeed, readSeed } from '../src/seed/seedGraph.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

const counts = async () => {
  const [row] = await graph.db.read(
    'MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
  );
  return row;
};

describe('the seed graph', () => {
  it('holds all 34 provincial-level divisions with ISO codes and Chinese names', async () => {
    const rows = await graph.db.read('MATCH (p:Province)-[:PART_OF]->(:Country {code: "CN"}) RETURN p.code AS code, p.localName AS localName, p.kind AS kind ORDER BY code');
    expect(rows).toHaveLength(34);
    expect(rows.every((r) => /^CN-[A-Z]{2}$/.test(r.code as string) && (r.localName as string).length >= 2)).toBe(true);
    expect(rows.filter((r) => r.kind === 'MUNICIPALITY').map((r) => r.code)).toEqual(['CN-BJ', 'CN-CQ', 'CN-SH', 'CN-TJ']);
    expect(rows.filter((r) => r.kind === 'SPECIAL_ADMINISTRATIVE_REGION').map((r) => r.code)).toEqual(['CN-HK', 'CN-MO']);
    expect(rows.filter((r) => r.kind === 'AUTONOMOUS_REGION')).toHaveLength(5);
  });

  it('cites a source for every node and every relationship', async () => {
    const [nodes] = await graph.db.read(
      "MATCH (n:Entity) WHERE NOT n:Source AND NOT (n)-[:SOURCED_FROM]->(:Source) RETURN collect(n.id) AS unsourced",
    );
    expect(nodes!.unsourced).toEqual([]);
    const [relationships] = await graph.db.read(
      // ACTIVE_IN is derived from sourced facts (src/derived/), never stated by a source itself.
      `MATCH (a)-[r]->(b) WHERE NOT type(r) IN ['SOURCED_FROM', 'ACTIVE_IN'] AND (r.sources IS NULL OR size(r.sources) = 0)
       RETURN collect(a.id + ' -' + type(r) + '-> ' + b.id) AS unsourced`,
    );
    expect(relationships!.unsourced).toEqual([]);
    const [dangling] = await graph.db.read(
      `MATCH ()-[r]->() WHERE r.sources IS NOT NULL UNWIND r.sources AS id
       WITH DISTINCT id WHERE NOT EXISTS { MATCH (:Source {id: id}) } RETURN collect(id) AS missing`,
    );
    expect(dangling!.missing).toEqual([]);
  });

  it('keeps the unnamed partners unnamed', async () => {
    const rows = await graph.db.read(
      'MATCH (p:Partnership) RETURN p.id AS id, p.unnamedRoles AS roles, COUNT { (:Company)-[:PARTICIPATES_IN]->(p) } AS named ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'schneider-electric-hubei-park-upgrades', roles: ['LOCAL_PARTNER'], named: 1 },
      { id: 'schneider-electric-hubei-zero-carbon-parks', roles: ['LOCAL_PARTNER'], named: 1 },
      { id: 'sino-german-park-geothermal-heating', roles: ['LOCAL_PARTNER'], named: 1 },
    ]);
  });

  it('changes nothing when applied again', async () => {
    const before = await counts();
    await applySeed(graph.db);
    await applySeed(graph.db);
    expect(await counts()).toEqual(before);
  });

  it('passes its own soundness check, and the check catches an unsourced fact and a dangling reference', () => {
    const seed = readSeed();
    expect(checkSeed(seed)).toEqual([]);
    const broken = structuredClone(seed);
    broken.companies[0]!.sources = [];
    broken.partnerships[0]!.parks = ['no-such-park'];
    expect(checkSeed(broken)).toEqual([
      `company ${seed.companies[0]!.id}: cites no source`,
      `partnership ${seed.partnerships[0]!.id} park: no Park with id no-such-park`,
    ]);
  });
});
