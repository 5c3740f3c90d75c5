/**
 * The seed graph: sourced, complete and idempotent, written through the
 * same writer as the mutations and the import, and the same graph as the
 * seed's own MERGE code wrote before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/projectRoot.js';
import { readSeed } from '../src/seed/seedFiles.js';
import { applySeed, SeedError } from '../src/seed/seedGraph.js';
import { checkSeed, orderSources } from '../src/seed/seedPlan.js';
import { dumpGraph, fingerprint, splitDump, type GraphDump } from './support/graphDump.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

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

  it('is the graph the seed wrote before it went through the one writer, plus the first version of each pledge', async () => {
    const before = JSON.parse(readFileSync(join(projectRoot(), 'test', 'fixtures', 'seedGraph.main.json'), 'utf8')) as {
      reference: ReturnType<typeof fingerprint>;
      model: GraphDump;
    };
    const { model, reference } = splitDump(await dumpGraph(graph.db));
    // What the writer adds on purpose, compared on its own below: folded twins on nodes, the writer's stamp and the source's words on links.
    const withoutAdded = (dump: GraphDump): GraphDump => ({
      nodes: dump.nodes.map((n) => ({ ...n, props: Object.fromEntries(Object.entries(n.props).filter(([k]) => !k.endsWith('Folded'))) })),
      relationships: dump.relationships.map((r) => ({ ...r, props: Object.fromEntries(Object.entries(r.props).filter(([k]) => k !== 'recordedBy' && k !== 'quote')) })),
    });
    expect(fingerprint(withoutAdded(reference))).toEqual(before.reference);
    // Intended: the reference data goes through the one writer too, so its links record who wrote them: the seed.
    expect(reference.relationships.length).toBe(before.reference.relationships);
    for (const r of reference.relationships) expect(r.props.recordedBy).toEqual(['LIST<STRING NOT NULL> NOT NULL', ['seed']]);
    // Intended: the writer gives every pledge it records its first version
    // (Pledge.history), the seed's terms, recorded by the seed, citing the
    // source they were first written with (the first the seed lists).
    const isVersion = (key: string) => key.startsWith('PledgeVersion:');
    const versions = model.nodes.filter((n) => isVersion(n.key));
    const pledges = before.model.nodes.filter((n) => n.labels.includes('Pledge'));
    expect(versions).toEqual(
      pledges.map((p) => ({
        key: `PledgeVersion:${p.key}#0`,
        labels: ['PledgeVersion'],
        props: {
          kind: p.props.kind,
          pledgeId: ['STRING NOT NULL', p.key],
          recordedBy: ['STRING NOT NULL', 'seed'],
          sources: ['LIST<STRING NOT NULL> NOT NULL', [readSeed().pledges.find((x) => x.id === p.key)!.sources[0]]],
          statement: p.props.statement,
          status: p.props.status,
          targetYear: p.props.targetYear,
        },
      })),
    );
    expect(model.relationships.filter((r) => isVersion(r.to))).toEqual(pledges.map((p) => ({ type: 'HAS_VERSION', from: p.key, to: `PledgeVersion:${p.key}#0`, props: {} })));
    // Intended: every relationship the writer cites and every SOURCED_FROM link
    // it writes records who wrote it (src/provenance/): here, the seed.
    const cited = model.relationships.filter((r) => !isVersion(r.to) && 'recordedBy' in r.props);
    expect(cited.length).toBeGreaterThan(0);
    for (const r of cited) expect(r.props.recordedBy).toEqual(['LIST<STRING NOT NULL> NOT NULL', ['seed']]);
    // Intended: every fact cited to the report, whose text is stored, carries the report's words that state it (src/source/quotes.ts).
    const fromReport = model.relationships.filter((r) => r.type === 'SOURCED_FROM' && r.to === 'report-zero-carbon-parks-de');
    expect(fromReport.length).toBe(15);
    for (const r of fromReport) expect(r.props.quote?.[0]).toBe('STRING NOT NULL');
    // Intended: names, sectors and titles that case-insensitive filters match keep a lower-cased twin (src/read/foldedText.ts).
    const twins = model.nodes.flatMap((n) => Object.keys(n.props).filter((k) => k.endsWith('Folded')).map((k) => ({ n, k })));
    expect(twins.length).toBeGreaterThan(0);
    for (const { n, k } of twins) expect(n.props[k]).toEqual(['STRING NOT NULL', String(n.props[k.slice(0, -'Folded'.length)]![1]).toLowerCase()]);
    expect(withoutAdded({ nodes: model.nodes.filter((n) => !isVersion(n.key)), relationships: model.relationships.filter((r) => !isVersion(r.to)) })).toEqual(before.model);
  });

  it('changes nothing when applied again, not even a timestamp, and says so', async () => {
    const before = await dumpGraph(graph.db, { timestamps: true });
    await applySeed(graph.db);
    const again = await applySeed(graph.db);
    expect(await dumpGraph(graph.db, { timestamps: true })).toEqual(before);
    expect(again.filter((k) => k.created || k.changed)).toEqual([]);
    expect(again.find((k) => k.kind === 'companies')).toMatchObject({ count: 4, created: 0, changed: 0, writes: 4 });
  });

  it('writes a fact cited by several sources once per source, keeping the order the seed lists them in', () => {
    expect(orderSources(['report', 'annual', 'speech'], [['annual', 'report'], ['speech', 'report']])).toEqual(['annual', 'speech', 'report']);
    expect(orderSources(['a', 'b', 'c'], [['c'], ['b', 'a']])).toEqual(['b', 'a', 'c']);
    // Lists that disagree cannot both keep their order: the seed's own order of sources decides.
    expect(orderSources(['a', 'b'], [['a', 'b'], ['b', 'a']])).toEqual(['a', 'b']);
  });

  it('passes its own soundness check, which is the mutations\' checks, and catches an unsourced fact and a dangling reference', () => {
    const seed = readSeed();
    expect(checkSeed(seed)).toEqual([]);
    const broken = structuredClone(seed);
    broken.companies[0]!.sources = [];
    broken.companies[1]!.countrySources = ['no-such-source'];
    broken.partnerships[0]!.parks = ['no-such-park'];
    broken.pledges[0]!.targetYear = 3000;
    expect(checkSeed(broken)).toEqual([
      'companies[0].sources: cites no source: every fact cites the source it comes from.',
      'companies[1].countrySources: "no-such-source" is not one of the company\'s sources; a source that states one of its facts is one of its sources.',
      'pledges[0].targetYear: "targetYear" must be a year from 1990 to 2100, but got 3000.',
      'partnerships[0].parks[0]: There is no Park with id "no-such-park" in the graph or in this input.',
    ]);
  });

  it('refuses an unsound seed, or one that does not fit the graph, and writes nothing', async () => {
    const before = await dumpGraph(graph.db, { timestamps: true });
    const broken = readSeed();
    broken.parks[0]!.city = 'Wuhan';
    await expect(applySeed(graph.db, broken)).rejects.toThrow(SeedError);
    await expect(applySeed(graph.db, broken)).rejects.toThrow(/parks\[0\]\.city: .*Wuhan/);

    // Sound on its own, but the graph already has the id for another type: checked under the writers' locks, as a mutation is.
    await graph.db.write("CREATE (:Entity:Park {id: 'fictional-park-not-a-company'})");
    const clash = readSeed();
    clash.companies.push({ id: 'fictional-park-not-a-company', name: 'Fictional', sources: ['report-zero-carbon-parks-de'] });
    await expect(applySeed(graph.db, clash)).rejects.toThrow(/companies\[4\]\.id: The id "fictional-park-not-a-company" already belongs to a Park/);
    await graph.db.write("MATCH (n:Entity {id: 'fictional-park-not-a-company'}) DETACH DELETE n");
    expect(await dumpGraph(graph.db, { timestamps: true })).toEqual(before);
  });
});
