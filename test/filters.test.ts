/**
 * The filter grammar on the seed graph: what it means (two-valued logic,
 * quantifiers, case, province names, sorting and paging under a sort) and
 * the bad filters it refuses before anything runs.
 */
import { describe, expect, it } from 'vitest';
import { MAX_QUANTIFIER_DEPTH } from '../src/read/filter.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

async function ids(query: string, variables?: Record<string, unknown>): Promise<string[]> {
  const { data, errors } = await graph.execute(query, variables);
  expect(errors).toBeUndefined();
  const connection = Object.values(data!)[0] as { nodes: { id: string }[] };
  return connection.nodes.map((n) => n.id);
}

async function refusal(query: string, variables?: Record<string, unknown>) {
  const { data, errors, roundTrips } = await graph.execute(query, variables);
  expect(data?.companies ?? data?.partnerships ?? data?.pledges ?? null).toBeNull();
  expect(errors).toHaveLength(1);
  return { code: errors![0]!.extensions?.code, message: errors![0]!.message, roundTrips };
}

describe('filters and sorts on list fields', () => {
  it('narrow a plain list with the same grammar as a connection', async () => {
    const { data, errors } = await graph.execute(`{
      company(id: "bmw-group") {
        bmw: subsidiaries(where: { name: { startsWith: "BMW", caseInsensitive: true } }) { id }
        exact: subsidiaries(where: { name: { startsWith: "BMW" } }) { id }
        other: subsidiaries(where: { NOT: { name: { contains: "brilliance", caseInsensitive: true } } }) { id }
      }
      park(id: "sino-german-park-shenyang") {
        due2027: pledges(where: { targetYear: { lte: 2027 } }) { id }
        due2026: pledges(where: { targetYear: { lte: 2026 } }) { id }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.company).toEqual({ bmw: [{ id: 'bmw-brilliance' }], exact: [{ id: 'bmw-brilliance' }], other: [] });
    expect(data!.park).toEqual({ due2027: [{ id: 'sino-german-park-zero-carbon-2027' }], due2026: [] });
  });

  it('sort a plain list by any scalar field, ties broken by id', async () => {
    const listed = await graph.execute('{ companies(first: 50) { nodes { id sources { id } } } }');
    const company = listed.data!.companies.nodes.find((c: { sources: unknown[] }) => c.sources.length > 1)!.id;
    const { data, errors } = await graph.execute(
      `query($id: ID!) { company(id: $id) { byTitle: sources(sort: [{ title: DESC }]) { id title } byId: sources(sort: [{ id: DESC }]) { id } } }`,
      { id: company },
    );
    expect(errors).toBeUndefined();
    const byTitle = data!.company.byTitle as { id: string; title: string }[];
    expect(byTitle.length).toBeGreaterThan(1);
    expect(byTitle.map((s) => s.title)).toEqual(byTitle.map((s) => s.title).sort().reverse());
    expect(data!.company.byId.map((s: { id: string }) => s.id)).toEqual(byTitle.map((s) => s.id).sort().reverse());
  });

  it('refuse a bad list filter before anything runs, saying what is allowed', async () => {
    const { data, errors, roundTrips } = await graph.execute('{ company(id: "bmw-group") { subsidiaries(where: { name: { in: [] } }) { id } } }');
    expect(data?.company ?? null).toBeNull();
    expect(errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/"where\.name\.in" is empty/);
    expect(roundTrips).toBe(0);
  });
});

describe('what a filter means', () => {
  it('reads a condition on a missing value as false, and NOT of it as true', async () => {
    const started = '{ partnerships(where: { startedOn: { gte: "2024" } }) { nodes { id } } }';
    const notStarted = '{ partnerships(where: { NOT: { startedOn: { gte: "2024" } } }) { nodes { id } } }';
    expect(await ids(started)).toEqual(['sino-german-park-geothermal-heating']);
    expect(await ids(notStarted)).toEqual(['schneider-electric-hubei-zero-carbon-parks', 'schneider-electric-hubei-park-upgrades']);
  });

  it('matches text exactly unless told to ignore case', async () => {
    expect(await ids('{ companies(where: { name: { startsWith: "bmw" } }) { nodes { id } } }')).toEqual([]);
    expect(await ids('{ companies(where: { name: { startsWith: "bmw", caseInsensitive: true } }) { nodes { id } } }')).toEqual([
      'bmw-brilliance',
      'bmw-group',
    ]);
    expect(await ids('{ companies(where: { id: { in: ["panasonic", "nobody"] } }) { nodes { id } } }')).toEqual(['panasonic']);
  });

  it('quantifies over to-one and to-many relationships: some, none, all (true of none) and single', async () => {
    const q = (where: string) => `{ companies(where: ${where}) { nodes { id } } }`;
    expect(await ids(q('{ parent: { some: {} } }'))).toEqual(['bmw-brilliance']);
    expect(await ids(q('{ headquarteredIn: { some: { code: { eq: "JP" } } } }'))).toEqual(['panasonic']);
    expect(await ids(q('{ pledges: { all: { targetYear: { lte: 2030 } } } }'))).toEqual(['bmw-brilliance', 'bmw-group', 'panasonic', 'schneider-electric']);
    expect(await ids(q('{ partnerships: { single: {} } }'))).toEqual(['bmw-brilliance']);
    expect(await ids(q('{ partnerships: { none: {} } }'))).toEqual(['bmw-group', 'panasonic']);
    expect(await ids(q('{ OR: [{ country: "JP" }, { country: "FR" }], NOT: { sector: { contains: "Energy" } } }'))).toEqual(['panasonic']);
  });

  it("filters partnerships by their province as Partnership.province reads it: its own, else its parks' first by id", async () => {
    // Plain Cypher of the test's own: each current partnership's province codes, its own and through its parks, by province id.
    const rows = await graph.db.read(`
      MATCH (p:Partnership) WHERE p.retiredOn IS NULL
      RETURN p.id AS id,
        [(p)-[:LOCATED_IN]->(o:Province) | [o.id, o.code]] AS own,
        [(p)-[:CONCERNS]->(:Park)-[:LOCATED_IN]->(v:Province) | [v.id, v.code]] AS viaParks
      ORDER BY p.title, p.id`);
    const first = (pairs: [string, string][]) => [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : 1))[0]?.[1] ?? null;
    const province = new Map(rows.map((r) => [r.id as string, first(r.own as [string, string][]) ?? first(r.viaParks as [string, string][])]));
    const counts = new Map<string, number>();
    for (const code of province.values()) if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    const [code] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const all = [...province.keys()];
    const inProvince = all.filter((id) => province.get(id) === code);
    expect(inProvince.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(100);

    const query = `query($where: PartnershipWhere) { partnerships(where: $where, first: 100) { totalCount nodes { id province { code } } } }`;
    const some = await graph.execute(query, { where: { province: { some: { code: { eq: code } } } } });
    expect(some.errors).toBeUndefined();
    expect(some.data!.partnerships.nodes.map((n: { id: string }) => n.id)).toEqual(inProvince);
    expect(some.data!.partnerships.nodes.every((n: { province: { code: string } }) => n.province.code === code)).toBe(true);
    const none = await graph.execute(query, { where: { province: { none: { code: { eq: code } } } } });
    expect(none.data!.partnerships.nodes.map((n: { id: string }) => n.id)).toEqual(all.filter((id) => province.get(id) !== code));
    const anywhere = await graph.execute(query, { where: { province: { some: {} } } });
    expect(anywhere.data!.partnerships.nodes.map((n: { id: string }) => n.id)).toEqual(all.filter((id) => province.get(id) !== null));
  });

  it("answers a relationship filter naming the related node by its key as it answers it when testing every node", async () => {
    // Among what \`where\` requires, such a filter starts the match from the related node (src/read/anchor.ts);
    // the same filter as the one branch of an OR is tested on every node of the label instead.
    const cases: [string, string, Record<string, unknown>][] = [
      ['partnerships', 'PartnershipWhere', { province: { some: { code: { in: ['CN-HB', 'CN-LN', 'CN-JS'] } } } }],
      ['partnerships', 'PartnershipWhere', { AND: [{ province: { some: { code: { eq: 'CN-LN' }, name: { startsWith: 'L' } } } }, { kind: 'CLEAN_ENERGY' }] }],
      ['partnerships', 'PartnershipWhere', { parks: { some: { id: { eq: 'sino-german-park-shenyang' } } } }],
      ['companies', 'CompanyWhere', { headquarteredIn: { some: { code: { in: ['DE', 'FR'] } } } }],
      ['companies', 'CompanyWhere', { AND: [{ partnerships: { some: { id: { eq: 'schneider-electric-hubei-zero-carbon-parks' } } } }, { foreign: true }] }],
      ['parks', 'ParkWhere', { inProvince: { some: { code: { eq: 'CN-LN' } } } }],
      ['pledges', 'PledgeWhere', { partnerships: { some: { id: { in: ['sino-german-park-geothermal-heating'] } } } }],
    ];
    for (const [list, type, where] of cases) {
      const query = `query($where: ${type}) { ${list}(where: $where, first: 100) { totalCount nodes { id } } }`;
      const anchored = await ids(query, { where });
      expect(anchored.length, JSON.stringify(where)).toBeGreaterThan(0);
      expect(await ids(query, { where: { OR: [where] } }), JSON.stringify(where)).toEqual(anchored);
    }
  });

  it('filters pledges by their pledger, one member type per branch', async () => {
    // Plain Cypher of the test's own: each current pledge with its current pledger's labels, name and province code.
    const rows = await graph.db.read(`
      MATCH (x)-[r:PLEDGED]->(pl:Pledge) WHERE pl.retiredOn IS NULL AND r.retiredOn IS NULL AND x.retiredOn IS NULL
      RETURN pl.id AS id, labels(x) AS labels, x.name AS name, [(x)-[:LOCATED_IN]->(pr:Province) | pr.code] AS located`);
    const pledges = rows.map((r) => ({ id: r.id as string, labels: r.labels as string[], name: r.name as string | null, located: r.located as string[] }));
    const ids = (keep: (p: (typeof pledges)[number]) => boolean) => [...new Set(pledges.filter(keep).map((p) => p.id))].sort();
    const byCompany = ids((p) => p.labels.includes('Company'));
    const parkInLiaoning = ids((p) => p.labels.includes('Park') && p.located.includes('CN-LN'));
    const nationalOrProvincial = ids((p) => p.labels.includes('Country') || p.labels.includes('Province'));
    expect(byCompany.length).toBeGreaterThan(0);
    expect(parkInLiaoning.length).toBeGreaterThan(0);
    expect(nationalOrProvincial.length).toBeGreaterThan(0);

    const query = `query($where: PledgeWhere) { pledges(where: $where, first: 100) { totalCount nodes { id } } }`;
    const answer = async (where: unknown) => {
      const { data, errors } = await graph.execute(query, { where });
      expect(errors).toBeUndefined();
      expect(data!.pledges.totalCount).toBe(data!.pledges.nodes.length);
      return data!.pledges.nodes.map((n: { id: string }) => n.id).sort();
    };
    expect(await answer({ pledger: { some: { Company: {} } } })).toEqual(byCompany);
    expect(await answer({ pledger: { some: { Park: { province: 'Liaoning' } } } })).toEqual(parkInLiaoning);
    expect(await answer({ pledger: { some: { OR: [{ Country: {} }, { Province: {} }] } } })).toEqual(nationalOrProvincial);
    expect(await answer({ pledger: { none: { Company: {} } } })).toEqual(ids(() => true).filter((id) => !byCompany.includes(id)));
  });

  it('takes a province by its code, English name or Chinese name', async () => {
    for (const province of ['CN-HB', 'Hubei', 'hubei', '湖北', '湖北省']) {
      expect(await ids('query($p: String!) { companies(where: { province: $p }) { nodes { id } } }', { p: province })).toEqual(['schneider-electric']);
    }
    expect(await ids('{ parks(where: { province: "辽宁" }) { nodes { id } } }')).toEqual(['sino-german-park-shenyang']);
  });

  it('sorts by several fields, nulls last either way, and pages through without skipping or repeating', async () => {
    const query = `query($after: String) {
      partnerships(sort: [{ startedOn: DESC }, { title: DESC }], first: 1, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data: Record<string, any> | null | undefined; errors: unknown } = await graph.execute(query, { after });
      expect(page.errors).toBeUndefined();
      seen.push(...page.data!.partnerships.nodes.map((n: { id: string }) => n.id));
      if (!page.data!.partnerships.pageInfo.hasNextPage) break;
      after = page.data!.partnerships.pageInfo.endCursor;
    }
    expect(seen).toEqual(['sino-german-park-geothermal-heating', 'schneider-electric-hubei-park-upgrades', 'schneider-electric-hubei-zero-carbon-parks']);
  });
});

describe('a bad filter', () => {
  it('is refused when "in" is empty', async () => {
    const refused = await refusal('{ companies(where: { name: { in: [] } }) { totalCount } }');
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', roundTrips: 0 });
    expect(refused.message).toMatch(/"where\.name\.in" is empty: give at least one value/);
  });

  it('is refused when a PartialDate is not YYYY[-MM[-DD]]', async () => {
    const refused = await refusal('query($d: PartialDate!) { partnerships(where: { startedOn: { gte: $d } }) { totalCount } }', { d: '2024-13' });
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', roundTrips: 0 });
    expect(refused.message).toMatch(/PartialDate must be "YYYY", "YYYY-MM" or "YYYY-MM-DD"/);
  });

  it(`is refused when quantifiers nest deeper than ${MAX_QUANTIFIER_DEPTH}`, async () => {
    const deep = '{ parent: { some: { parent: { some: { parent: { some: { parent: { some: {} } } } } } } } }';
    const refused = await refusal(`{ companies(where: ${deep}) { totalCount } }`);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', roundTrips: 0 });
    expect(refused.message).toMatch(/nests relationship filters 4 deep: at most 3 levels/);
  });

  it('is refused when it sorts by a field that is not sortable', async () => {
    const refused = await refusal('query($sort: [CompanySort!]) { companies(sort: $sort) { totalCount } }', { sort: [{ foreign: 'ASC' }] });
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', roundTrips: 0 });
    expect(refused.message).toMatch(/Field "foreign" is not defined by type "CompanySort"/);
  });

  it('is refused when it names an unknown province, with the ways to name one', async () => {
    const refused = await refusal('{ companies(where: { OR: [{ province: "Atlantis" }] }) { totalCount } }');
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', roundTrips: 0 });
    expect(refused.message).toMatch(/Unknown province "Atlantis": name it by its ISO 3166-2:CN code \(CN-HB\), English name \(Hubei\)/);
  });

  it('is refused when a cursor comes from another order', async () => {
    const { data } = await graph.execute('{ companies(first: 1) { pageInfo { endCursor } } }');
    const refused = await refusal('query($after: String) { companies(sort: [{ name: DESC }], after: $after) { totalCount } }', {
      after: data!.companies.pageInfo.endCursor,
    });
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', roundTrips: 0 });
    expect(refused.message).toMatch(/comes from a page in another order/);
  });
});
