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

  it('takes the README example import back with one command: the current graph is as before it', async () => {
    const before = await currentState();
    importId = await importExamples();
    const during = await currentState();
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
});
