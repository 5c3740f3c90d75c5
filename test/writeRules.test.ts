import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashKey } from '../src/auth/apiKeys.js';
import { createServer, type GreengraphServer } from '../src/server.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);
const SRC = { id: 'rules-src' };

async function count(id: string): Promise<number> {
  const [row] = await graph.db.read('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id });
  return row!.n as number;
}

beforeAll(async () => {
  const setup = [
    [`mutation { upsertSource(input: {id: "rules-src", title: "Rules test source (fictional)"}) { id } }`],
    [`mutation { upsertCompany(input: {id: "rules-a", name: "Rules A", source: {id: "rules-src"}}) { id } }`],
    [`mutation { upsertCompany(input: {id: "rules-b", name: "Rules B", source: {id: "rules-src"}}) { id } }`],
    [`mutation { upsertCompany(input: {id: "rules-c", name: "Rules C", source: {id: "rules-src"}}) { id } }`],
    [`mutation { linkParent(input: {company: "rules-b", parent: "rules-a", kind: SUBSIDIARY, source: {id: "rules-src"}}) { id } }`],
    [`mutation { linkParent(input: {company: "rules-c", parent: "rules-b", kind: SUBSIDIARY, source: {id: "rules-src"}}) { id } }`],
    [`mutation { upsertPark(input: {id: "rules-park", name: "Rules Park", province: "CN-JS", source: {id: "rules-src"}}) { id } }`],
  ];
  for (const [query] of setup) {
    const { body } = await writers.post(query!, {}, writers.keys.admin);
    expect(body.errors).toBeUndefined();
  }
});

/** One valid call per mutation, each repeatable, each writing something new the first time. */
const MUTATIONS: { name: string; role: 'editor' | 'admin'; query: string; input: Record<string, unknown>; writes?: string }[] = [
  { name: 'upsertSource', role: 'editor', query: 'mutation($input: SourceInput!) { upsertSource(input: $input) { id } }', input: { id: 'm-source', title: 'M' }, writes: 'm-source' },
  { name: 'upsertCompany', role: 'editor', query: 'mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id } }', input: { id: 'm-company', name: 'M', source: SRC }, writes: 'm-company' },
  { name: 'upsertPark', role: 'editor', query: 'mutation($input: UpsertParkInput!) { upsertPark(input: $input) { id } }', input: { id: 'm-park', name: 'M', province: 'CN-HB', source: SRC }, writes: 'm-park' },
  { name: 'upsertFacility', role: 'editor', query: 'mutation($input: UpsertFacilityInput!) { upsertFacility(input: $input) { id } }', input: { id: 'm-facility', name: 'M', kind: 'PLANT', province: 'CN-HB', source: SRC }, writes: 'm-facility' },
  { name: 'recordPartnership', role: 'editor', query: 'mutation($input: RecordPartnershipInput!) { recordPartnership(input: $input) { id } }', input: { id: 'm-partnership', kind: 'SUPPLY', title: 'M', province: 'CN-HB', participants: [{ company: 'rules-a', role: 'LEAD' }], source: SRC }, writes: 'm-partnership' },
  { name: 'recordPledge', role: 'editor', query: 'mutation($input: RecordPledgeInput!) { recordPledge(input: $input) { id } }', input: { id: 'm-pledge', pledger: 'rules-a', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 2050, source: SRC }, writes: 'm-pledge' },
  { name: 'linkParent', role: 'editor', query: 'mutation($input: LinkParentInput!) { linkParent(input: $input) { id } }', input: { company: 'rules-park-operator', parent: 'rules-a', kind: 'SUBSIDIARY', source: SRC } },
  { name: 'retireEntity', role: 'admin', query: 'mutation($input: RetireEntityInput!) { retireEntity(input: $input) { id } }', input: { id: 'rules-park', retiredOn: '2025', source: SRC } },
  { name: 'retireRelationship', role: 'admin', query: 'mutation($input: RetireRelationshipInput!) { retireRelationship(input: $input) { type } }', input: { type: 'SUBSIDIARY_OF', from: 'rules-c', to: 'rules-b', retiredOn: '2025', source: SRC } },
];

describe('access matrix: no key / unknown key / reader / editor / admin × every mutation', () => {
  beforeAll(async () => {
    const { body } = await writers.post('mutation { upsertCompany(input: {id: "rules-park-operator", name: "Operator", source: {id: "rules-src"}}) { id } }', {}, writers.keys.editor);
    expect(body.errors).toBeUndefined();
  });

  for (const m of MUTATIONS) {
    it(`${m.name}: needs ${m.role}`, async () => {
      const attempt = async (key: string | null) => (await writers.post(m.query, { input: m.input }, key)).body;
      const code = (body: any) => body.errors?.[0]?.extensions?.code ?? 'OK';
      const denied = {
        none: code(await attempt(null)),
        unknown: code(await attempt('gg_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')),
        malformed: code(await attempt('not-a-key')),
        reader: code(await attempt(writers.keys.reader)),
      };
      expect(denied).toEqual({ none: 'UNAUTHENTICATED', unknown: 'UNAUTHENTICATED', malformed: 'UNAUTHENTICATED', reader: 'FORBIDDEN' });
      if (m.writes) expect(await count(m.writes)).toBe(0);
      expect(code(await attempt(writers.keys.editor))).toBe(m.role === 'editor' ? 'OK' : 'FORBIDDEN');
      expect(code(await attempt(writers.keys.admin))).toBe('OK');
      if (m.writes) expect(await count(m.writes)).toBe(1);
    });
  }

  it('answers 401 without a key and 403 with too weak a one, and names neither key in the error', async () => {
    const none = await writers.post(MUTATIONS[1]!.query, { input: MUTATIONS[1]!.input });
    expect(none.status).toBe(401);
    const reader = await writers.post(MUTATIONS[1]!.query, { input: MUTATIONS[1]!.input }, writers.keys.reader);
    expect(reader.status).toBe(403);
    expect(JSON.stringify(reader.body)).not.toContain(writers.keys.reader.slice(20));
  });

  it('stores keys only as hashes', async () => {
    const rows = await graph.db.read('MATCH (k:ApiKey) RETURN properties(k) AS k');
    const stored = JSON.stringify(rows);
    for (const key of Object.values(writers.keys)) expect(stored).not.toContain(key.slice(20));
  });

  it('keeps reads open by default, but refuses an unknown key so its owner learns it is wrong', async () => {
    const open = await writers.post('{ company(id: "rules-a") { id } }', {});
    expect(open.body).toEqual({ data: { company: { id: 'rules-a' } } });
    const unknown = await writers.post('{ company(id: "rules-a") { id } }', {}, 'gg_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(401);
    expect(JSON.stringify(unknown.body)).toContain('UNAUTHENTICATED');
  });

  describe('with GREENGRAPH_REQUIRE_KEY_FOR_READS', () => {
    let closed: GreengraphServer;
    let port: number;
    beforeAll(async () => {
      closed = await createServer({ db: graph.db, requireKeyForReads: true, logError: () => undefined });
      port = await closed.listen(0);
    });
    afterAll(() => closed.close());

    it('refuses queries without a reader key', async () => {
      const ask = async (key?: string) => {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({ query: '{ company(id: "rules-a") { id } }' }),
        });
        return { status: response.status, body: (await response.json()) as any };
      };
      const none = await ask();
      expect(none.status).toBe(401);
      expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await ask(writers.keys.reader)).body).toEqual({ data: { company: { id: 'rules-a' } } });
    });
  });
});

describe('keys', () => {
  it('are created once, used and revoked with npm run keys', async () => {
    const neo4j = inject('neo4j');
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
    const keys = (...args: string[]) => promisify(execFile)('npx', ['tsx', 'src/auth/keysCli.ts', ...args], { env });
    const created = await keys('create', '--role', 'editor', '--name', 'cli test');
    const key = /^(gg_\S+)$/m.exec(created.stdout)![1]!;
    const id = key.slice(3, 19);
    expect((await keys('list')).stdout).toMatch(new RegExp(`^${id}  editor  cli test  created `, 'm'));
    expect((await keys('list')).stdout).not.toContain(key);
    const write = () => writers.post('mutation { upsertSource(input: {id: "cli-src", title: "CLI (fictional)"}) { id } }', {}, key);
    expect((await write()).body.errors).toBeUndefined();
    expect((await keys('revoke', id)).stdout).toMatch(/is revoked/);
    expect((await write()).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const refused = await keys('create', '--role', 'owner', '--name', 'x').catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/--role must be one of reader, editor, admin/) });
  });

  it('never appear in the request logs, not even with variable values logged', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const logged = await createServer({ db: graph.db, logger, logVariables: true });
    const port = await logged.listen(0);
    try {
      for (const key of [writers.keys.editor, writers.keys.reader, 'gg_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
        await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: 'mutation { upsertSource(input: {id: "log-src", title: "Log (fictional)"}) { id } }' }),
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await logged.close();
    }
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const key of Object.values(writers.keys)) {
      expect(text).not.toContain(key.slice(20));
      expect(text).not.toContain(hashKey(key));
    }
    expect(text).not.toMatch(/authorization|bearer/i);
  });
});

describe('validation through the API: BAD_USER_INPUT with the input path', () => {
  const cases: { name: string; query: string; input: Record<string, unknown>; field: string }[] = [
    { name: 'id format', query: MUTATIONS[1]!.query, input: { id: 'Bad Id', name: 'X', source: SRC }, field: 'input.id' },
    { name: 'string length', query: MUTATIONS[1]!.query, input: { id: 'long-name', name: 'x'.repeat(301), source: SRC }, field: 'input.name' },
    { name: 'country code form', query: MUTATIONS[1]!.query, input: { id: 'v-co', name: 'X', country: 'Deutschland', source: SRC }, field: 'input.country' },
    { name: 'country must exist', query: MUTATIONS[1]!.query, input: { id: 'v-co', name: 'X', country: 'ZZ', source: SRC }, field: 'input.country' },
    { name: 'province code', query: MUTATIONS[2]!.query, input: { id: 'v-park', name: 'X', province: 'CN-ZZ', source: SRC }, field: 'input.province' },
    { name: 'year range', query: MUTATIONS[5]!.query, input: { ...MUTATIONS[5]!.input, id: 'v-pledge', targetYear: 1900 }, field: 'input.targetYear' },
    { name: 'pledger must exist', query: MUTATIONS[5]!.query, input: { ...MUTATIONS[5]!.input, id: 'v-pledge', pledger: 'ghost' }, field: 'input.pledger' },
    { name: 'participants must exist', query: MUTATIONS[4]!.query, input: { ...MUTATIONS[4]!.input, id: 'v-p', participants: [{ company: 'rules-a', role: 'LEAD' }, { company: 'ghost-co', role: 'PARTNER' }] }, field: 'input.participants[1].company' },
    { name: 'participants must be companies', query: MUTATIONS[4]!.query, input: { ...MUTATIONS[4]!.input, id: 'v-p', participants: [{ company: 'rules-park', role: 'LEAD' }] }, field: 'input.participants[0].company' },
    { name: 'parks must exist', query: MUTATIONS[4]!.query, input: { ...MUTATIONS[4]!.input, id: 'v-p', province: null, parks: ['ghost-park'] }, field: 'input.parks[0]' },
    { name: 'dates', query: MUTATIONS[4]!.query, input: { ...MUTATIONS[4]!.input, id: 'v-p', startedOn: '2030', endedOn: '2029' }, field: 'input.endedOn' },
    { name: 'own parent', query: MUTATIONS[6]!.query, input: { company: 'rules-a', parent: 'rules-a', kind: 'SUBSIDIARY', source: SRC }, field: 'input.parent' },
    { name: 'parent cycle', query: MUTATIONS[6]!.query, input: { company: 'rules-a', parent: 'rules-b', kind: 'SUBSIDIARY', source: SRC }, field: 'input.parent' },
    { name: 'second parent', query: MUTATIONS[6]!.query, input: { company: 'rules-b', parent: 'rules-park-operator', kind: 'SUBSIDIARY', source: SRC }, field: 'input.parent' },
    { name: 'share range', query: MUTATIONS[6]!.query, input: { company: 'rules-c', parent: 'rules-b', kind: 'SUBSIDIARY', sharePercent: -1, source: SRC }, field: 'input.sharePercent' },
    { name: 'source missing', query: MUTATIONS[1]!.query, input: { id: 'v-co', name: 'X', source: {} }, field: 'input.source' },
    { name: 'source both ways', query: MUTATIONS[1]!.query, input: { id: 'v-co', name: 'X', source: { id: 'rules-src', new: { id: 'x', title: 'x' } } }, field: 'input.source' },
    { name: 'source must exist', query: MUTATIONS[1]!.query, input: { id: 'v-co', name: 'X', source: { id: 'ghost-source' } }, field: 'input.source' },
    { name: 'source must be a Source', query: MUTATIONS[1]!.query, input: { id: 'v-co', name: 'X', source: { id: 'rules-a' } }, field: 'input.source' },
    { name: 'new source fields', query: MUTATIONS[1]!.query, input: { id: 'v-co', name: 'X', source: { new: { id: 'v-src', title: 'T', url: 'ftp://x' } } }, field: 'input.source.new.url' },
    { name: 'id of another type', query: MUTATIONS[1]!.query, input: { id: 'rules-park', name: 'X', source: SRC }, field: 'input.id' },
    { name: 'retired relationship must exist', query: MUTATIONS[8]!.query, input: { type: 'OPERATES', from: 'rules-a', to: 'rules-b', retiredOn: '2025', source: SRC }, field: 'input.from' },
    { name: 'retire a known entity', query: MUTATIONS[7]!.query, input: { id: 'ghost', retiredOn: '2025', source: SRC }, field: 'input.id' },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.field}`, async () => {
      const { body } = await writers.post(c.query, { input: c.input }, writers.keys.admin);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: c.field });
      expect(body.errors[0].message).toContain(c.field);
    });
  }

  it('refuses a value outside an enum (GraphQL checks the variables)', async () => {
    const { body } = await writers.post(MUTATIONS[5]!.query, { input: { ...MUTATIONS[5]!.input, status: 'DONE' } }, writers.keys.editor);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('writes nothing when any part of a mutation is refused, not even its new source', async () => {
    const { body } = await writers.post(MUTATIONS[4]!.query, {
      input: { ...MUTATIONS[4]!.input, id: 'v-atomic', participants: [{ company: 'ghost-co', role: 'LEAD' }], source: { new: { id: 'v-atomic-src', title: 'T' } } },
    }, writers.keys.editor);
    expect(body.errors[0].extensions.field).toBe('input.participants[0].company');
    expect(await count('v-atomic')).toBe(0);
    expect(await count('v-atomic-src')).toBe(0);
  });

  it('lists every problem of an input, not only the first', async () => {
    const { body } = await writers.post(MUTATIONS[1]!.query, { input: { id: 'Bad Id', name: '', country: 'germany', source: {} } }, writers.keys.editor);
    expect(body.errors[0].extensions.problems.map((p: { field: string }) => p.field).sort()).toEqual(['input.country', 'input.id', 'input.name', 'input.source']);
  });
});
