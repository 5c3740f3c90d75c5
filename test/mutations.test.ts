import { describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);

const SOURCE = { id: 'test-report-2025' };
const newSource = { new: { id: 'test-report-2025', title: 'Test report (fictional)', publisher: 'Test', publishedOn: '2025-03' } };

async function editor(query: string, variables: Record<string, unknown>) {
  const { body } = await writers.post(query, variables, writers.keys.editor);
  return body as { data: any; errors?: any[] };
}
async function admin(query: string, variables: Record<string, unknown>) {
  const { body } = await writers.post(query, variables, writers.keys.admin);
  return body as { data: any; errors?: any[] };
}

const UPSERT_COMPANY = `mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) {
  id name localName aliases country { code } sources { id } createdAt createdBy updatedAt updatedBy retiredOn } }`;
const UPSERT_PARK = `mutation($input: UpsertParkInput!) { upsertPark(input: $input) { id name status province { code } sources { id } createdBy } }`;
const UPSERT_FACILITY = `mutation($input: UpsertFacilityInput!) { upsertFacility(input: $input) {
  id name kind products province { code } park { id } operator { id } sources { id } } }`;
const UPSERT_SOURCE = `mutation($input: SourceInput!) { upsertSource(input: $input) { id title publisher publishedOn createdBy } }`;
const RECORD_PARTNERSHIP = `mutation($input: RecordPartnershipInput!) { recordPartnership(input: $input) {
  id kind title startedOn province { code } parks { id } participants { role company { id } sourceIds }
  unnamedParticipants { role description } pledges { id } sources { id } } }`;
const RECORD_PLEDGE = `mutation($input: RecordPledgeInput!) { recordPledge(input: $input) {
  id kind status targetYear statement pledger { ... on Node { id } } sources { id }
  history { kind status targetYear statement validFrom validTo sourceIds recordedBy } } }`;
const LINK_PARENT = `mutation($input: LinkParentInput!) { linkParent(input: $input) {
  id parent { id } ownership { kind sharePercent sourceIds retiredOn } } }`;
const RETIRE_ENTITY = `mutation($input: RetireEntityInput!) { retireEntity(input: $input) { id ... on Company { retiredOn } } }`;
const RETIRE_RELATIONSHIP = `mutation($input: RetireRelationshipInput!) { retireRelationship(input: $input) { type from to sourceIds retiredOn } }`;

describe('mutations (happy paths)', () => {
  it('upserts a source, stamped with the key that wrote it', async () => {
    const { data, errors } = await editor(UPSERT_SOURCE, { input: newSource.new });
    expect(errors).toBeUndefined();
    expect(data.upsertSource).toMatchObject({ id: 'test-report-2025', title: 'Test report (fictional)', publishedOn: '2025-03' });
    expect(data.upsertSource.createdBy).toMatch(/^test editor \(key [0-9a-f]{16}\)$/);
  });

  it('upserts a company with a new source in the same input, and links both', async () => {
    const { data, errors } = await editor(UPSERT_COMPANY, {
      input: { id: 'acme-green', name: 'Acme Green (fictional)', aliases: ['Acme'], country: 'DE', source: { new: { id: 'test-filing', title: 'Test filing (fictional)' } } },
    });
    expect(errors).toBeUndefined();
    const c = data.upsertCompany;
    expect(c).toMatchObject({ id: 'acme-green', name: 'Acme Green (fictional)', aliases: ['Acme'], country: { code: 'DE' }, sources: [{ id: 'test-filing' }], retiredOn: null });
    expect(c.createdAt).toBeTruthy();
    expect(c.createdBy).toBe(c.updatedBy);
    const [edge] = await graph.db.read(`MATCH (:Company {id: 'acme-green'})-[r:HEADQUARTERED_IN]->() RETURN r.sources AS sources`);
    expect(edge!.sources).toEqual(['test-filing']);
  });

  it('updates by id: fields left out keep their value, the new source is appended', async () => {
    const { data, errors } = await editor(UPSERT_COMPANY, { input: { id: 'acme-green', name: 'Acme Green AG (fictional)', localName: '阿克米', source: SOURCE } });
    expect(errors).toBeUndefined();
    expect(data.upsertCompany).toMatchObject({ name: 'Acme Green AG (fictional)', localName: '阿克米', aliases: ['Acme'], country: { code: 'DE' } });
    expect(data.upsertCompany.sources.map((s: { id: string }) => s.id).sort()).toEqual(['test-filing', 'test-report-2025']);
    const [count] = await graph.db.read(`MATCH (n:Entity {id: 'acme-green'}) RETURN count(n) AS n`);
    expect(count!.n).toBe(1);
  });

  it('keeps the lower-cased name that case-insensitive filters read when a company is renamed', async () => {
    const anyCase = async (text: string) => {
      const { data, errors } = await graph.execute('query($text: String!) { companies(where: { name: { contains: $text, caseInsensitive: true } }) { nodes { id } } }', { text });
      expect(errors).toBeUndefined();
      return data!.companies.nodes.map((n: { id: string }) => n.id);
    };
    expect(await anyCase('ACME GREEN AG')).toEqual(['acme-green']);
    const { errors } = await editor(UPSERT_COMPANY, { input: { id: 'acme-green', name: 'Acme Verde SpA (fictional)', source: SOURCE } });
    expect(errors).toBeUndefined();
    expect(await anyCase('ACME GREEN AG')).toEqual([]);
    expect(await anyCase('verde spa')).toEqual(['acme-green']);
    const [row] = await graph.db.read(`MATCH (n:Company {id: 'acme-green'}) RETURN n.nameFolded AS folded`);
    expect(row!.folded).toBe('acme verde spa (fictional)');
  });

  it('upserts a park and a facility in it', async () => {
    const park = await editor(UPSERT_PARK, { input: { id: 'test-park', name: 'Test Park (fictional)', status: 'OPERATING', province: 'CN-HB', source: SOURCE } });
    expect(park.errors).toBeUndefined();
    expect(park.data.upsertPark).toMatchObject({ id: 'test-park', province: { code: 'CN-HB' }, sources: [{ id: 'test-report-2025' }] });
    const facility = await editor(UPSERT_FACILITY, {
      input: { id: 'test-plant', name: 'Test Plant', kind: 'FACTORY', products: ['batteries'], province: 'CN-HB', park: 'test-park', operator: 'acme-green', source: SOURCE },
    });
    expect(facility.errors).toBeUndefined();
    expect(facility.data.upsertFacility).toMatchObject({ kind: 'FACTORY', products: ['batteries'], park: { id: 'test-park' }, operator: { id: 'acme-green' } });
  });

  it('records a pledge and a partnership with named and unnamed participants', async () => {
    const pledge = await editor(RECORD_PLEDGE, { input: { id: 'test-park-zero-carbon', pledger: 'test-park', kind: 'ZERO_CARBON', targetYear: 2030, status: 'ANNOUNCED', statement: 'Zero carbon by 2030.', source: SOURCE } });
    expect(pledge.errors).toBeUndefined();
    expect(pledge.data.recordPledge).toMatchObject({ pledger: { id: 'test-park' }, targetYear: 2030 });
    expect(pledge.data.recordPledge.history).toHaveLength(1);
    const { data, errors } = await editor(RECORD_PARTNERSHIP, {
      input: {
        id: 'test-co-build', kind: 'CO_BUILD', title: 'Test co-build (fictional)', startedOn: '2024-10',
        participants: [{ company: 'acme-green', role: 'LEAD' }, { company: 'bmw-brilliance', role: 'PARTNER' }],
        unnamedParticipants: [{ role: 'LOCAL_PARTNER', description: 'a local partner' }],
        parks: ['test-park'], pledges: ['test-park-zero-carbon'], source: SOURCE,
      },
    });
    expect(errors).toBeUndefined();
    const p = data.recordPartnership;
    expect(p).toMatchObject({ kind: 'CO_BUILD', startedOn: '2024-10', province: { code: 'CN-HB' }, parks: [{ id: 'test-park' }], pledges: [{ id: 'test-park-zero-carbon' }] });
    expect(p.unnamedParticipants).toEqual([{ role: 'LOCAL_PARTNER', description: 'a local partner' }]);
    expect(p.participants.map((x: any) => [x.company.id, x.role, x.sourceIds]).sort()).toEqual([
      ['acme-green', 'LEAD', ['test-report-2025']],
      ['bmw-brilliance', 'PARTNER', ['test-report-2025']],
    ]);
  });

  it('keeps a pledge history across two changes, each with its source', async () => {
    await editor(UPSERT_SOURCE, { input: { id: 'test-update-1', title: 'Update 1 (fictional)' } });
    const first = await editor(RECORD_PLEDGE, { input: { id: 'test-park-zero-carbon', pledger: 'test-park', kind: 'ZERO_CARBON', targetYear: 2030, status: 'IN_POLICY_DOCUMENT', statement: 'Zero carbon by 2030.', source: { id: 'test-update-1' } } });
    expect(first.errors).toBeUndefined();
    const second = await editor(RECORD_PLEDGE, { input: { id: 'test-park-zero-carbon', pledger: 'test-park', kind: 'ZERO_CARBON', targetYear: 2035, status: 'IN_POLICY_DOCUMENT', statement: 'Zero carbon by 2035.', source: { new: { id: 'test-update-2', title: 'Update 2 (fictional)' } } } });
    expect(second.errors).toBeUndefined();
    const { history, targetYear, status } = second.data.recordPledge;
    expect({ targetYear, status }).toEqual({ targetYear: 2035, status: 'IN_POLICY_DOCUMENT' });
    expect(history.map((v: any) => [v.status, v.targetYear, v.sourceIds])).toEqual([
      ['ANNOUNCED', 2030, ['test-report-2025']],
      ['IN_POLICY_DOCUMENT', 2030, ['test-update-1']],
      ['IN_POLICY_DOCUMENT', 2035, ['test-update-2']],
    ]);
    expect(history[0].validTo).toBe(history[1].validFrom);
    expect(history[1].validTo).toBe(history[2].validFrom);
    expect(history[2].validTo).toBeNull();
    expect(history[2].recordedBy).toMatch(/^test editor/);
    // Recording the same terms again adds no version.
    const same = await editor(RECORD_PLEDGE, { input: { id: 'test-park-zero-carbon', pledger: 'test-park', kind: 'ZERO_CARBON', targetYear: 2035, status: 'IN_POLICY_DOCUMENT', statement: 'Zero carbon by 2035.', source: { id: 'test-update-2' } } });
    expect(same.data.recordPledge.history).toHaveLength(3);
  });

  it('keeps the seed terms as the first version when a seeded pledge changes', async () => {
    const { data } = await graph.execute(`{ pledges(first: 1) { nodes { id kind status targetYear statement pledger { ... on Node { id } } } } }`);
    const seeded = data!.pledges.nodes[0];
    const changed = await editor(RECORD_PLEDGE, { input: { id: seeded.id, pledger: seeded.pledger.id, kind: seeded.kind, targetYear: seeded.targetYear, statement: seeded.statement, status: 'ACHIEVED', source: SOURCE } });
    expect(changed.errors).toBeUndefined();
    const history = changed.data.recordPledge.history;
    expect(history.map((v: any) => v.status)).toEqual([seeded.status, 'ACHIEVED']);
    expect(history[0].recordedBy).toBe('seed');
  });

  it('links a subsidiary to its parent with a share', async () => {
    await editor(UPSERT_COMPANY, { input: { id: 'acme-china', name: 'Acme China (fictional)', country: 'CN', source: SOURCE } });
    const { data, errors } = await editor(LINK_PARENT, { input: { company: 'acme-china', parent: 'acme-green', kind: 'JOINT_VENTURE', sharePercent: 50, source: SOURCE } });
    expect(errors).toBeUndefined();
    expect(data.linkParent).toEqual({ id: 'acme-china', parent: { id: 'acme-green' }, ownership: { kind: 'JOINT_VENTURE', sharePercent: 50, sourceIds: ['test-report-2025'], retiredOn: null } });
    const foreign = await graph.execute(`{ company(id: "acme-china") { foreign } }`);
    expect(foreign.data!.company.foreign).toBe(true);
  });

  it('retires a relationship: kept, with retiredOn and the source appended', async () => {
    const { data, errors } = await admin(RETIRE_RELATIONSHIP, { input: { type: 'SUBSIDIARY_OF', from: 'acme-china', to: 'acme-green', retiredOn: '2025-06', source: { id: 'test-update-1' } } });
    expect(errors).toBeUndefined();
    expect(data.retireRelationship).toEqual({ type: 'SUBSIDIARY_OF', from: 'acme-china', to: 'acme-green', sourceIds: ['test-report-2025', 'test-update-1'], retiredOn: '2025-06' });
    const read = await graph.execute(`{ company(id: "acme-china") { ownership { retiredOn } } }`);
    expect(read.data!.company.ownership.retiredOn).toBe('2025-06');
  });

  it('links a new parent once the old link is retired, and shows the current one', async () => {
    await editor(UPSERT_COMPANY, { input: { id: 'acme-holding', name: 'Acme Holding (fictional)', country: 'CN', source: SOURCE } });
    const { data, errors } = await editor(LINK_PARENT, { input: { company: 'acme-china', parent: 'acme-holding', kind: 'SUBSIDIARY', source: SOURCE } });
    expect(errors).toBeUndefined();
    expect(data.linkParent).toMatchObject({ parent: { id: 'acme-holding' }, ownership: { kind: 'SUBSIDIARY', retiredOn: null } });
  });

  it('retires an entity: readable by id with retiredOn, left out of lists', async () => {
    const { data, errors } = await admin(RETIRE_ENTITY, { input: { id: 'acme-green', retiredOn: '2025-07-01', reason: 'Dissolved (fictional)', source: SOURCE } });
    expect(errors).toBeUndefined();
    expect(data.retireEntity).toEqual({ id: 'acme-green', retiredOn: '2025-07-01' });
    const read = await graph.execute(`{ company(id: "acme-green") { id retiredOn } companies(first: 100) { nodes { id } } }`);
    expect(read.data!.company).toEqual({ id: 'acme-green', retiredOn: '2025-07-01' });
    expect(read.data!.companies.nodes.map((n: { id: string }) => n.id)).not.toContain('acme-green');
    expect(read.data!.companies.nodes.map((n: { id: string }) => n.id)).toContain('acme-china');
  });

  it('records who retired an entity: retiredBy is the stamp of the key that retired it, with the reason', async () => {
    const [row] = await graph.db.read(`MATCH (n:Entity {id: 'acme-green'}) RETURN n.retiredBy AS retiredBy, n.updatedBy AS updatedBy, n.retiredReason AS reason`);
    expect(row!.retiredBy).toMatch(/^test admin \(key [0-9a-f]{16}\)$/);
    expect(row!.retiredBy).toBe(row!.updatedBy);
    expect(row!.reason).toBe('Dissolved (fictional)');
  });
});
