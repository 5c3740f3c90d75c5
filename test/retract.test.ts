/**
 * Retraction at the graph level: importing the README's examples and
 * retracting that import (with the commands an operator runs) leaves every
 * current count, the stats, the derived facts and the headline Hubei answer
 * exactly as they were before the import, while everything the import wrote
 * stays readable by id with who retracted it, when and why.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { derivedMismatches } from '../src/derived/rebuildDerived.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);
const EXAMPLES = join(import.meta.dirname, '..', 'seed', 'examples');
const exampleFiles = () => readdirSync(EXAMPLES).sort().map((f) => join(EXAMPLES, f));

/** npx's own warnings about the machine's npm configuration are not the command's output. */
const withoutNpmWarnings = (stderr: string) => stderr.replace(/^npm warn .*\n/gm, '');

/** Runs `npm run import -- …` as an operator would; returns its exit code and output. */
async function importCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const neo4j = inject('neo4j');
  const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
  return promisify(execFile)('npx', ['tsx', 'src/import/importCli.ts', ...args], { env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: withoutNpmWarnings(r.stderr) }),
    (e: { code: number; stdout: string; stderr: string }) => ({ ...e, stderr: withoutNpmWarnings(e.stderr) }),
  );
}

async function importExamples(): Promise<string> {
  const result = await importCommand(...exampleFiles());
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return /recorded as (import-\S+)/.exec(result.stdout)![1]!;
}

/** Everything current (not retired) that a reader can see: counts, stats, derived facts, the headline answer. */
async function currentState() {
  const [counts] = await graph.db.read(`
CALL { MATCH (n:Entity) WHERE n.retiredOn IS NULL
  WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS type, count(*) AS n ORDER BY type RETURN collect([type, n]) AS entities }
CALL { MATCH (a:Entity)-[r]->(b:Entity) WHERE r.retiredOn IS NULL AND a.retiredOn IS NULL AND b.retiredOn IS NULL
  WITH type(r) AS type, count(*) AS n ORDER BY type RETURN collect([type, n]) AS relationships }
CALL { MATCH (c:Company) WHERE c.retiredOn IS NULL AND c.foreign RETURN count(c) AS foreign }
CALL { MATCH (c:Company)-[a:ACTIVE_IN]->(p:Province) WITH c.id + '>' + p.code + ':' + reduce(s = '', k IN a.kinds | s + k + ',') AS x ORDER BY x RETURN collect(x) AS activeIn }
RETURN entities, relationships, foreign, activeIn`);
  const stats = await graph.execute(
    `{ stats { companies foreignCompanies parks partnerships pledges facilities sources entities relationships provenanceRelationships byProvince { province { code } parks partnerships companies foreignCompanies } } }`,
  );
  expect(stats.errors).toBeUndefined();
  const hubei = await graph.execute(contractOperations.ForeignCoBuilders!, { province: 'CN-HB' });
  expect(hubei.errors).toBeUndefined();
  return { ...(counts as { entities: unknown; relationships: unknown; foreign: unknown; activeIn: unknown }), stats: stats.data, hubei: hubei.data };
}

const retract = `mutation($id: ID!, $reason: String!) { retractImport(id: $id, reason: $reason) { id status retractedBy retractReason } }`;

describe('retraction', { timeout: 300_000 }, () => {
  let importId = '';
  /** The current graph while the examples were in (the first test). */
  let examplesIn: Awaited<ReturnType<typeof currentState>> | null = null;

  it('takes the README example import back with one command: the current graph is as before it', async () => {
    const before = await currentState();
    importId = await importExamples();
    const during = await currentState();
    examplesIn = during;
    expect(during.entities).not.toEqual(before.entities);
    expect(during.stats).not.toEqual(before.stats);
    // The fictional examples add foreign co-builders in Hubei: the headline answer changes while they are in.
    expect(during.hubei).not.toEqual(before.hubei);

    const result = await importCommand('retract', importId, '--reason', 'fictional examples, for trying the import');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`retract: import ${importId} retracted in [\\d.]+ s: 574 entities and \\d+ relationships retired`));

    expect(await currentState()).toEqual(before);
    expect(await derivedMismatches(graph.db)).toEqual([]);
  });

  it('keeps what it retired in history, readable by id, with who, when and why', async () => {
    const [row] = await graph.db.read(
      `MATCH (i:Import {id: $id}) RETURN i.status AS status, i.retractReason AS reason, COUNT { (:Entity)-[:RECORDED_IN]->(i) } AS recorded,
         COUNT { MATCH (n:Entity)-[:RECORDED_IN]->(i) WHERE n.retiredOn IS NOT NULL AND n.retractedWith = i.id } AS retired`,
      { id: importId },
    );
    expect(row).toEqual({ status: 'retracted', reason: 'fictional examples, for trying the import', recorded: 574, retired: 574 });
    const read = await graph.execute(`{ facility(id: "example-facility-001") { id name retiredOn sources { id } } source(id: "example-data-fictional") { id retiredOn } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.facility).toMatchObject({ id: 'example-facility-001', sources: [{ id: 'example-data-fictional' }] });
    expect(read.data!.facility.retiredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(read.data!.source.retiredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers what the import asserted, fact by fact, with who recorded each one', async () => {
    const [expected] = await graph.db.read(`MATCH ()-[r]->() WHERE $id IN r.recordedBy RETURN count(r) AS relationships`, { id: importId });
    const query = `query($id: ID!, $after: String) { import(id: $id) {
      id status rows rowsCommitted files { name sha256 records }
      current: facts { totalCount }
      facts(first: 50, after: $after, includeRetired: true) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { kind entity { id } relationship { type from { id } to { id } sourceIds } recordedBy imports { id status } retiredOn retractedWith }
      } } }`;
    const first = await graph.execute(query, { id: importId });
    expect(first.errors).toBeUndefined();
    const record = first.data!.import;
    expect(record).toMatchObject({ id: importId, status: 'RETRACTED', rows: 589, rowsCommitted: 589, current: { totalCount: 0 } });
    expect(record.files.map((f: { name: string }) => f.name.replace(/.*\//, ''))).toEqual(readdirSync(EXAMPLES).sort());
    expect(record.files.every((f: { sha256: string; records: number }) => /^[0-9a-f]{64}$/.test(f.sha256) && f.records > 0)).toBe(true);
    expect(record.facts.totalCount).toBe(574 + (expected!.relationships as number));
    expect(record.facts.nodes).toHaveLength(50);
    for (const fact of record.facts.nodes) {
      expect(fact.recordedBy).toContain(importId);
      expect(fact.imports).toContainEqual({ id: importId, status: 'RETRACTED' });
      expect(fact.retractedWith).toBe(importId);
      expect(fact.kind === 'ENTITY' ? fact.entity?.id : fact.relationship?.type).toBeTruthy();
    }
    const second = await graph.execute(query, { id: importId, after: record.facts.pageInfo.endCursor });
    const ids = (r: typeof record) => r.facts.nodes.map((f: { entity: { id: string } | null; relationship: { type: string; from: { id: string }; to: { id: string } } | null }) =>
      f.entity ? f.entity.id : `${f.relationship!.from.id} ${f.relationship!.type} ${f.relationship!.to.id}`);
    const firstIds = ids(record);
    const secondIds = ids(second.data!.import);
    expect(secondIds).toHaveLength(50);
    expect(secondIds.filter((id: string) => firstIds.includes(id))).toEqual([]);
    const listed = await graph.execute(`{ imports(first: 10) { totalCount nodes { id status } } }`);
    expect(listed.data!.imports.nodes).toContainEqual({ id: importId, status: 'RETRACTED' });
  });

  it('answers what a source asserts: its entities and the relationships citing it', async () => {
    const { data, errors } = await graph.execute(`{ source(id: "schneider-electric-urd-2024") { facts(first: 100) {
      totalCount nodes { kind entity { id } relationship { type from { id } to { id } sourceIds } recordedBy } } } }`);
    expect(errors).toBeUndefined();
    const facts = data!.source.facts;
    expect(facts.totalCount).toBe(facts.nodes.length);
    expect(facts.nodes).toContainEqual(expect.objectContaining({ kind: 'ENTITY', entity: { id: 'schneider-electric' } }));
    const headquarters = facts.nodes.find((f: { relationship: { type: string } | null }) => f.relationship?.type === 'HEADQUARTERED_IN');
    expect(headquarters.relationship).toMatchObject({ from: { id: 'schneider-electric' }, to: { id: 'FR' } });
    expect(headquarters.relationship.sourceIds).toContain('schneider-electric-urd-2024');
    for (const fact of facts.nodes) expect(fact.recordedBy.length).toBeGreaterThan(0);
  });

  it('refuses to retract an import twice or one that does not exist, through the CLI and the API', async () => {
    const again = await importCommand('retract', importId);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(`The import ${importId} is already retracted.`);
    const { body } = await writers.post(retract, { id: 'import-none', reason: 'x' }, writers.keys.admin);
    expect((body as { errors: { extensions: { code: string }; message: string }[] }).errors[0]).toMatchObject({
      message: 'id: There is no import with id "import-none".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const editor = await writers.post(retract, { id: importId, reason: 'x' }, writers.keys.editor);
    expect((editor.body as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('keeps facts another import also recorded, and retires them when that one is retracted too', async () => {
    const before = await currentState();
    const first = await importExamples();
    const second = await importExamples();
    const withBoth = await currentState();
    const { body } = await writers.post(retract, { id: first, reason: 'the first run' }, writers.keys.admin);
    expect(body).toMatchObject({ data: { retractImport: { id: first, status: 'RETRACTED', retractReason: 'the first run' } } });
    expect(await currentState()).toEqual(withBoth);
    const second2 = await writers.post(retract, { id: second, reason: 'the second run' }, writers.keys.admin);
    expect(second2.body).toMatchObject({ data: { retractImport: { id: second, status: 'RETRACTED' } } });
    expect(await currentState()).toEqual(before);
    expect(await derivedMismatches(graph.db)).toEqual([]);
  });

  it('forgets the row hashes of what it retracted: the same files imported again are written, not skipped as unchanged', async () => {
    const before = await currentState();
    const first = await importExamples();
    const retracted = await importCommand('retract', first, '--reason', 'to import again');
    expect(retracted.code).toBe(0);
    const [left] = await graph.db.read(
      `MATCH (n:Entity)-[:RECORDED_IN]->(:Import {id: $id}) RETURN count(n) AS entities, count(n.importHash) + count(n.importParentHash) AS hashes`,
      { id: first },
    );
    expect(left).toEqual({ entities: 574, hashes: 0 });
    const again = await importCommand(...exampleFiles());
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/unchanged|nothing changed|as they are/);
    expect(again.stdout).toMatch(/589 rows/);
    // Without --revive what was retracted stays retired: the current graph is still as before.
    expect(await currentState()).toEqual(before);
    // With --revive it is current again, exactly as while the examples were first in.
    const revived = await importCommand('--revive', ...exampleFiles());
    expect(revived.stderr).toBe('');
    expect(revived.code).toBe(0);
    expect(await currentState()).toEqual(examplesIn);
    expect(await derivedMismatches(graph.db)).toEqual([]);
    const [history] = await graph.db.read(
      `MATCH (n:Entity {id: 'example-facility-001'}) RETURN n.retiredOn AS retiredOn, n.revivedBy AS revivedBy, n.revivedSource AS source, n.wasRetractedWith AS retractedWith`,
    );
    const thirdId = /recorded as (import-\S+)/.exec(revived.stdout)![1]!;
    expect(history).toEqual({ retiredOn: null, revivedBy: thirdId, source: 'example-data-fictional', retractedWith: expect.stringMatching(/^import-/) });
  });

  it('retracts a source: facts it alone supports are retired, facts with another source keep that one', async () => {
    const send = (query: string, input: Record<string, unknown>) => writers.post(query, { input }, writers.keys.editor);
    const company = `mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id } }`;
    const doubtful = { new: { id: 'doubtful-blog', title: 'A doubtful blog (test)' } };
    const filing = { new: { id: 'filing-2025', title: 'A filing (test)' } };
    await send(company, { id: 'twice-cited', name: 'Twice Cited GmbH', country: 'DE', source: doubtful });
    await send(company, { id: 'twice-cited', name: 'Twice Cited GmbH', country: 'DE', source: filing });
    await send(company, { id: 'once-cited', name: 'Once Cited AG', country: 'DE', source: { id: 'doubtful-blog' } });

    const { body } = await writers.post(
      `mutation { retractSource(id: "doubtful-blog", reason: "not a reliable source") { id retiredOn } }`,
      {},
      writers.keys.admin,
    );
    expect((body as { errors?: unknown }).errors).toBeUndefined();
    const read = await graph.execute(`{
      twice: company(id: "twice-cited") { retiredOn sources { id } country { code } }
      once: company(id: "once-cited") { retiredOn }
      blog: source(id: "doubtful-blog") { retiredOn }
      companies(where: { country: "DE" }, first: 100) { nodes { id } }
    }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.twice).toEqual({ retiredOn: null, sources: [{ id: 'filing-2025' }], country: { code: 'DE' } });
    expect(read.data!.once.retiredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(read.data!.blog.retiredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ids = (read.data!.companies.nodes as { id: string }[]).map((c) => c.id);
    expect(ids).toContain('twice-cited');
    expect(ids).not.toContain('once-cited');
    const [rel] = await graph.db.read(
      `MATCH (:Company {id: 'twice-cited'})-[r:HEADQUARTERED_IN]->() RETURN r.sources AS sources, r.retractedSources AS retracted, r.retiredOn AS retiredOn`,
    );
    expect(rel).toEqual({ sources: ['filing-2025'], retracted: ['doubtful-blog'], retiredOn: null });
    const [history] = await graph.db.read(
      `MATCH (:Company {id: 'twice-cited'})-[h:RETRACTED_SOURCE]->(:Source {id: 'doubtful-blog'}) RETURN h.reason AS reason`,
    );
    expect(history).toEqual({ reason: 'not a reliable source' });
  });

  it('retracts a source from relationships that cite it although neither end does (a retirement citation)', async () => {
    const send = (query: string, input: Record<string, unknown>, key = writers.keys.editor) => writers.post(query, { input }, key);
    const company = `mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id } }`;
    const filing = { new: { id: 'ends-filing', title: 'A filing (test)' } };
    await send(company, { id: 'ends-parent', name: 'Ends Parent GmbH', country: 'DE', source: filing });
    await send(company, { id: 'ends-child', name: 'Ends Child Co.', country: 'CN', source: { id: 'ends-filing' } });
    const linked = await send(`mutation($input: LinkParentInput!) { linkParent(input: $input) { id } }`, {
      company: 'ends-child', parent: 'ends-parent', kind: 'SUBSIDIARY', source: { id: 'ends-filing' },
    });
    expect((linked.body as { errors?: unknown }).errors).toBeUndefined();
    const retired = await send(
      `mutation($input: RetireRelationshipInput!) { retireRelationship(input: $input) { type sourceIds } }`,
      { type: 'SUBSIDIARY_OF', from: 'ends-child', to: 'ends-parent', retiredOn: '2025', source: { new: { id: 'retirement-note', title: 'A note (test)' } } },
      writers.keys.admin,
    );
    expect((retired.body as { errors?: unknown }).errors).toBeUndefined();
    expect(retired.body).toMatchObject({ data: { retireRelationship: { type: 'SUBSIDIARY_OF', sourceIds: ['ends-filing', 'retirement-note'] } } });
    const { body } = await writers.post(`mutation { retractSource(id: "retirement-note", reason: "a mistaken note") { id retiredOn } }`, {}, writers.keys.admin);
    expect((body as { errors?: unknown }).errors).toBeUndefined();
    const [rel] = await graph.db.read(
      `MATCH (:Company {id: 'ends-child'})-[r:SUBSIDIARY_OF]->() RETURN r.sources AS sources, r.retractedSources AS retracted, r.retiredOn AS retiredOn`,
    );
    // The retirement stays (a retraction never revives); the retracted source is history on it.
    expect(rel).toEqual({ sources: ['ends-filing'], retracted: ['retirement-note'], retiredOn: '2025' });
  });

  it('writes a retired entity only with revive: true, which makes it current and records who, when and the source', async () => {
    const company = `mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id name retiredOn } }`;
    const send = (input: Record<string, unknown>) => writers.post(company, { input }, writers.keys.editor);
    await send({ id: 'revived-co', name: 'Revived Co', country: 'DE', source: { new: { id: 'revive-filing', title: 'A filing (test)' } } });
    const retired = await writers.post(
      `mutation($input: RetireEntityInput!) { retireEntity(input: $input) { id } }`,
      { input: { id: 'revived-co', retiredOn: '2025', reason: 'closed', source: { id: 'revive-filing' } } },
      writers.keys.admin,
    );
    expect((retired.body as { errors?: unknown }).errors).toBeUndefined();

    const refused = (await send({ id: 'revived-co', name: 'Renamed Co', country: 'DE', source: { id: 'revive-filing' } })).body as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(refused.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors[0]!.message).toMatch(/input\.id: "revived-co" was retired on 2025: .*"revive: true"/);
    const unchanged = await graph.execute(`{ company(id: "revived-co") { name retiredOn } }`);
    expect(unchanged.data!.company).toEqual({ name: 'Revived Co', retiredOn: '2025' });

    const revived = await send({ id: 'revived-co', name: 'Renamed Co', country: 'DE', revive: true, source: { new: { id: 'revive-note', title: 'It reopened (test)' } } });
    expect(revived.body).toMatchObject({ data: { upsertCompany: { id: 'revived-co', name: 'Renamed Co', retiredOn: null } } });
    const [history] = await graph.db.read(
      `MATCH (n:Company {id: 'revived-co'}) RETURN n.revivedSource AS source, n.wasRetiredOn AS wasRetiredOn, n.revivedBy IS NOT NULL AS by, n.revivedAt IS NOT NULL AS at`,
    );
    expect(history).toEqual({ source: 'revive-note', wasRetiredOn: '2025', by: true, at: true });
    const read = await graph.execute(`{ companies(where: { country: "DE" }, first: 100) { nodes { id } } }`);
    expect((read.data!.companies.nodes as { id: string }[]).map((c) => c.id)).toContain('revived-co');
    expect(await derivedMismatches(graph.db)).toEqual([]);
  });

  it('links a company to a parent over a retired link only with revive: true (no silent revival)', async () => {
    const send = (query: string, input: Record<string, unknown>, key = writers.keys.editor) => writers.post(query, { input }, key);
    const company = `mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id } }`;
    const link = `mutation($input: LinkParentInput!) { linkParent(input: $input) { id ownership { retiredOn } } }`;
    await send(company, { id: 'relink-parent', name: 'Relink Parent AG', country: 'CH', source: { new: { id: 'relink-filing', title: 'A filing (test)' } } });
    await send(company, { id: 'relink-child', name: 'Relink Child Co.', country: 'CN', source: { id: 'relink-filing' } });
    const input = { company: 'relink-child', parent: 'relink-parent', kind: 'SUBSIDIARY', source: { id: 'relink-filing' } };
    await send(link, input);
    const retired = await send(
      `mutation($input: RetireRelationshipInput!) { retireRelationship(input: $input) { retiredOn } }`,
      { type: 'SUBSIDIARY_OF', from: 'relink-child', to: 'relink-parent', retiredOn: '2024', source: { id: 'relink-filing' } },
      writers.keys.admin,
    );
    expect((retired.body as { errors?: unknown }).errors).toBeUndefined();
    const foreign = async () => (await graph.db.read(`MATCH (c:Company {id: 'relink-child'}) RETURN c.foreign AS foreign`))[0];
    expect(await foreign()).toEqual({ foreign: false });

    const refused = (await send(link, input)).body as { errors: { message: string; extensions: { code: string } }[] };
    expect(refused.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors[0]!.message).toMatch(/was retired on 2024.*"revive: true"/);
    const [still] = await graph.db.read(`MATCH (:Company {id: 'relink-child'})-[r:SUBSIDIARY_OF]->() RETURN r.retiredOn AS retiredOn`);
    expect(still).toEqual({ retiredOn: '2024' });

    const revived = await send(link, { ...input, revive: true });
    expect(revived.body).toMatchObject({ data: { linkParent: { id: 'relink-child', ownership: { retiredOn: null } } } });
    const [now] = await graph.db.read(
      `MATCH (:Company {id: 'relink-child'})-[r:SUBSIDIARY_OF]->() RETURN r.retiredOn AS retiredOn, r.wasRetiredOn AS was, r.revivedSource AS source`,
    );
    expect(now).toEqual({ retiredOn: null, was: '2024', source: 'relink-filing' });
    expect(await foreign()).toEqual({ foreign: true });
    expect(await derivedMismatches(graph.db)).toEqual([]);
  });
});
