/**
 * The change feed against the real Neo4j: what each writer appends to the
 * change log, reading it with `changes`, and following it with graphChanged
 * over WebSocket and Server-Sent Events, also across a server restart.
 */
import { createClient as createSdkClient, GreengraphError } from '@greengraph/client';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDataset } from '../src/import/importDataset.js';
import { retractImport } from '../src/provenance/retract.js';
import { applySeed } from '../src/seed/seedGraph.js';
import WebSocket from 'ws';
import { appendChanges, encodeChangeCursor } from '../src/changes/changeLog.js';
import { WriteLocks } from '../src/write/locks.js';
import { pruneChanges } from '../src/changes/retention.js';
import { createServer, type GreengraphServer } from '../src/server.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);

const CHANGES = `query($after: String, $first: Int, $types: [String!]) {
  changes(after: $after, first: $first, where: { types: $types }) {
    pageInfo { hasNextPage endCursor }
    nodes { cursor at op by importId entity { __typename id } edge { type from to } }
  } }`;
const GRAPH_CHANGED = `subscription($after: String, $types: [String!]) {
  graphChanged(after: $after, where: { types: $types }) { cursor op by entity { __typename id } edge { type from to } } }`;
const UPSERT_SOURCE = `mutation($input: SourceInput!) { upsertSource(input: $input) { id } }`;
const UPSERT_COMPANY = `mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id } }`;
const UPSERT_PARK = `mutation($input: UpsertParkInput!) { upsertPark(input: $input) { id } }`;
const RETIRE_ENTITY = `mutation($input: RetireEntityInput!) { retireEntity(input: $input) { id } }`;

interface Change {
  cursor: string;
  op: string;
  by: string;
  importId?: string | null;
  entity: { __typename: string; id: string } | null;
  edge: { type: string; from: string; to: string } | null;
}

async function changes(variables: Record<string, unknown> = {}) {
  const { body } = await writers.post(CHANGES, variables);
  return body as { data: { changes: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Change[] } } | null; errors?: any[] };
}

/** Every change after `after`, page by page. */
async function allChanges(after: string | null = null, types?: string[]): Promise<Change[]> {
  const out: Change[] = [];
  for (;;) {
    const { data, errors } = await changes({ after, first: 100, types });
    expect(errors).toBeUndefined();
    out.push(...data!.changes.nodes);
    if (!data!.changes.pageInfo.hasNextPage) return out;
    after = data!.changes.pageInfo.endCursor;
  }
}

async function lastCursor(): Promise<string> {
  const [row] = await graph.db.read(`MATCH (q:ChangeSequence {id: 'changes'}) RETURN q.next - 1 AS last`);
  return encodeChangeCursor(Number(row!.last));
}

async function editor(query: string, variables: Record<string, unknown>) {
  const { body } = await writers.post(query, variables, writers.keys.editor);
  expect(body.errors).toBeUndefined();
  return body.data;
}

const addSource = (id: string) => editor(UPSERT_SOURCE, { input: { id, title: `Source ${id} (fictional)` } });

/** Changes as [op, typename or type, id or from>to]: easy to compare. */
const brief = (list: Change[]) => list.map((c) => [c.op, c.entity?.__typename ?? c.edge!.type, c.entity?.id ?? `${c.edge!.from}>${c.edge!.to}`]);

/** Collects what a subscription sends; `take(n)` waits for the next n changes. */
class Received {
  changes: Change[] = [];
  errors: unknown[] = [];
  done = false;
  private waiters: (() => void)[] = [];
  push(change: Change) {
    this.changes.push(change);
    for (const wake of this.waiters.splice(0)) wake();
  }
  fail(error: unknown) {
    this.errors.push(error);
    for (const wake of this.waiters.splice(0)) wake();
  }
  end() {
    this.done = true;
    for (const wake of this.waiters.splice(0)) wake();
  }
  /** Resolves once the subscription ended, by an error or by completing. */
  async ended(): Promise<void> {
    while (!this.errors.length && !this.done) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  async take(n: number): Promise<Change[]> {
    while (this.changes.length < n && !this.errors.length) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.errors.length) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
    return this.changes.splice(0, n);
  }
  async error(): Promise<unknown> {
    while (!this.errors.length && !this.done) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.errors[0];
  }
}

/** Resolves once `server` serves `count` subscribers (a subscription from now starts when registered). */
async function subscribed(server: GreengraphServer, count: number): Promise<void> {
  while (server.changeFeed.size < count) await new Promise((resolve) => setImmediate(resolve));
}

const wsClients: WsClient[] = [];
afterAll(async () => {
  for (const client of wsClients) await client.dispose();
});

function wsSubscribe(base: string, variables: Record<string, unknown>, key?: string): { received: Received; stop: () => void; client: WsClient } {
  const client = createWsClient({
    url: `${base.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  wsClients.push(client);
  const received = new Received();
  const stop = client.subscribe<{ graphChanged: Change }>(
    { query: GRAPH_CHANGED, variables },
    {
      next: (result) => (result.errors ? received.fail(result.errors) : received.push(result.data!.graphChanged)),
      error: (error) => received.fail(error),
      complete: () => received.end(),
    },
  );
  return { received, stop, client };
}

function sseSubscribe(base: string, variables: Record<string, unknown>, key?: string): { received: Received; stop: () => void } {
  const client = createSseClient({ url: `${base}/graphql/stream`, headers: key ? { authorization: `Bearer ${key}` } : {}, retryAttempts: 0 });
  const received = new Received();
  const stop = client.subscribe<{ graphChanged: Change }>(
    { query: GRAPH_CHANGED, variables },
    {
      next: (result) => (result.errors ? received.fail(result.errors) : received.push(result.data!.graphChanged)),
      error: (error) => received.fail(error),
      complete: () => received.end(),
    },
  );
  return { received, stop: () => { stop(); client.dispose(); } };
}

describe('the change log', { timeout: 120_000 }, () => {
  it('holds the seed: every seeded entity created once, by the seed', async () => {
    const all = await allChanges();
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all.map((c) => c.by))).toEqual(new Set(['seed']));
    const entities = all.filter((c) => c.entity);
    expect(entities.every((c) => c.op === 'CREATED')).toBe(true);
    const [row] = await graph.db.read(`MATCH (n:Entity) WHERE n.createdBy = 'seed' RETURN count(n) AS n`);
    expect(entities.length).toBe(row!.n);
    expect(new Set(entities.map((c) => c.entity!.id)).size).toBe(entities.length);
    // Relationships the seed cited are there too.
    expect(all.some((c) => c.edge?.type === 'PARTICIPATES_IN')).toBe(true);
    // Cursors strictly increase.
    const seqs = all.map((c) => Buffer.from(c.cursor, 'base64url').toString());
    expect(seqs.every((s) => /^change:\d+$/.test(s))).toBe(true);
    const numbers = seqs.map((s) => Number(s.slice(7)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  it('holds nothing more when the seed is applied again: the graph is already as it states', async () => {
    const before = await lastCursor();
    await applySeed(graph.db);
    expect(await allChanges(before)).toEqual([]);
  });

  it('pages exactly once, in order, and answers an empty page at the end with the same cursor', async () => {
    const all = await allChanges();
    const paged: Change[] = [];
    let after: string | null = null;
    for (;;) {
      const { data } = await changes({ after, first: 7 });
      paged.push(...data!.changes.nodes);
      if (!data!.changes.pageInfo.hasNextPage) {
        after = data!.changes.pageInfo.endCursor;
        break;
      }
      after = data!.changes.pageInfo.endCursor;
    }
    expect(paged.map((c) => c.cursor)).toEqual(all.map((c) => c.cursor));
    const { data } = await changes({ after });
    expect(data!.changes).toEqual({ pageInfo: { hasNextPage: false, endCursor: after }, nodes: [] });
  });

  it('keeps the types asked for: an entity __typename or a relationship type', async () => {
    const parks = await allChanges(null, ['Park', 'LOCATED_IN']);
    expect(parks.length).toBeGreaterThan(0);
    expect(parks.every((c) => c.entity?.__typename === 'Park' || c.edge?.type === 'LOCATED_IN')).toBe(true);
    expect(parks.some((c) => c.edge?.type === 'LOCATED_IN')).toBe(true);
    const none = await allChanges(null, ['NoSuchType']);
    expect(none).toEqual([]);
  });

  it('refuses a malformed cursor and a bad first with BAD_USER_INPUT', async () => {
    for (const after of ['nonsense!', Buffer.from('change:abc').toString('base64url'), Buffer.from('["x","y"]').toString('base64url')]) {
      const { errors } = await changes({ after });
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(/Malformed change cursor/);
    }
    const { errors } = await changes({ first: 101 });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('records a mutation: a created source, then its update, and nothing for a write that changes nothing', async () => {
    const before = await lastCursor();
    await addSource('feed-source-1');
    await editor(UPSERT_SOURCE, { input: { id: 'feed-source-1', title: 'Source feed-source-1 (fictional)' } });
    await editor(UPSERT_SOURCE, { input: { id: 'feed-source-1', title: 'Renamed (fictional)' } });
    const after = await allChanges(before);
    expect(brief(after)).toEqual([
      ['CREATED', 'Source', 'feed-source-1'],
      ['UPDATED', 'Source', 'feed-source-1'],
    ]);
    expect(after[0]!.by).toMatch(/^test editor \(key [0-9a-f]{16}\)$/);
  });

  it('records a company with its new relationship, its retirement and its revival', async () => {
    const before = await lastCursor();
    await editor(UPSERT_COMPANY, { input: { id: 'feed-co', name: 'Feed Co (fictional)', country: 'DE', source: { id: 'feed-source-1' } } });
    const admin = await writers.post(RETIRE_ENTITY, { input: { id: 'feed-co', retiredOn: '2025-05', reason: 'test', source: { id: 'feed-source-1' } } }, writers.keys.admin);
    expect(admin.body.errors).toBeUndefined();
    await editor(UPSERT_COMPANY, { input: { id: 'feed-co', name: 'Feed Co (fictional)', country: 'DE', revive: true, source: { id: 'feed-source-1' } } });
    const after = await allChanges(before);
    expect(brief(after)).toEqual([
      ['CREATED', 'Company', 'feed-co'],
      ['CREATED', 'HEADQUARTERED_IN', 'feed-co>DE'],
      ['RETIRED', 'Company', 'feed-co'],
      ['REVIVED', 'Company', 'feed-co'],
    ]);
    // A retired entity's change still reads the entity.
    const { data } = await graph.execute(`{ changes(after: "${before}", first: 1) { nodes { entity { id ... on Company { name } } } } }`);
    expect(data!.changes.nodes[0].entity).toEqual({ id: 'feed-co', name: 'Feed Co (fictional)' });
  });

  it('records a to-one link the write replaced or cleared as REMOVED, and leaves no note of it on the entity', async () => {
    const before = await lastCursor();
    const park = (province: string, city: string | null) =>
      editor(UPSERT_PARK, { input: { id: 'feed-park', name: 'Feed Park (fictional)', province, city, source: { id: 'feed-source-1' } } });
    await park('CN-HB', 'Wuhan');
    await park('CN-HE', null);
    await editor(UPSERT_COMPANY, { input: { id: 'feed-co', name: 'Feed Co (fictional)', country: 'FR', source: { id: 'feed-source-1' } } });
    expect(brief(await allChanges(before))).toEqual([
      ['CREATED', 'Park', 'feed-park'],
      ['CREATED', 'IN_CITY', 'feed-park>wuhan-420100'],
      ['CREATED', 'LOCATED_IN', 'feed-park>hubei'],
      ['UPDATED', 'Park', 'feed-park'],
      ['REMOVED', 'IN_CITY', 'feed-park>wuhan-420100'],
      ['REMOVED', 'LOCATED_IN', 'feed-park>hubei'],
      ['CREATED', 'LOCATED_IN', 'feed-park>hebei'],
      // The company's own properties are as they were: only its headquarters moved.
      ['REMOVED', 'HEADQUARTERED_IN', 'feed-co>DE'],
      ['CREATED', 'HEADQUARTERED_IN', 'feed-co>FR'],
    ]);
    const notes = await graph.db.read(`MATCH (n:Entity) WHERE n.removedLinks IS NOT NULL OR n.removedLinksAt IS NOT NULL RETURN count(n) AS n`);
    expect(Number(notes[0]!.n)).toBe(0);
  });

  it('gives a write only what it changed, also when it waited for another write to release its locks', async () => {
    await addSource('feed-wait');
    const before = await lastCursor();
    const renamed = { id: 'feed-wait', title: 'Feed wait, renamed (fictional)' };
    let waiting: ReturnType<typeof writers.post> | undefined;
    await graph.db.writeTransaction(async (tx) => {
      await new WriteLocks(tx).lock(['feed-wait']);
      // A mutation stating what this transaction is about to write begins now, and waits for the lock.
      waiting = writers.post(UPSERT_SOURCE, { input: renamed }, writers.keys.editor);
      for (let tries = 0; tries < 600; tries += 1) {
        const [blocked] = await graph.db.read(`SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n`);
        if (Number(blocked!.n) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await tx.run(`MATCH (n:Entity {id: $id}) SET n.title = $title, n.updatedAt = datetime(), n.updatedBy = 'feed-test'`, renamed);
      await appendChanges(tx, ['feed-wait'], { by: 'feed-test' });
    });
    const { body } = await waiting!;
    expect(body.errors).toBeUndefined();
    // The mutation found the source as it states it: it changed nothing, so it appends nothing.
    const after = await allChanges(before);
    expect(after.map((c) => [c.op, c.entity?.id, c.by])).toEqual([['UPDATED', 'feed-wait', 'feed-test']]);
  });

  it('gives concurrent writers strictly increasing sequence numbers without gaps', async () => {
    const before = await lastCursor();
    const ids = Array.from({ length: 8 }, (_, i) => `feed-concurrent-${i}`);
    await Promise.all(ids.map((id) => addSource(id)));
    const after = await allChanges(before);
    expect(after.map((c) => c.entity!.id).sort()).toEqual([...ids].sort());
    const seqs = after.map((c) => Number(Buffer.from(c.cursor, 'base64url').toString().slice(7)));
    const first = Number(Buffer.from(before, 'base64url').toString().slice(7)) + 1;
    expect(seqs).toEqual(seqs.map((_, i) => first + i));
  });
});

describe('imports and retractions in the change log', { timeout: 180_000 }, () => {
  let importId = '';
  let afterImport = '';

  it('an import appends the changes of its batches, stamped with the import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-feed-import-'));
    writeFileSync(join(dir, 'sources.csv'), 'id,title,publisher,language,url,publishedOn,note\nfeed-import-src,Feed import (fictional),test,en,,,\n');
    writeFileSync(
      join(dir, 'companies.csv'),
      'id,name,localName,aliases,sector,country,parent,parentKind,parentShare,source\n' +
        'feed-imp-a,Feed Imp A (fictional),,,batteries,DE,,,,feed-import-src\n' +
        'feed-imp-b,Feed Imp B (fictional),,,batteries,CN,feed-imp-a,SUBSIDIARY,100,feed-import-src\n',
    );
    const before = await lastCursor();
    importId = (await importDataset(graph.db, dir, 'test')).id;
    const imported = await allChanges(before);
    expect(imported.every((c) => c.by === importId && c.importId === importId)).toBe(true);
    expect(brief(imported)).toEqual([
      ['CREATED', 'Source', 'feed-import-src'],
      ['CREATED', 'Company', 'feed-imp-a'],
      ['CREATED', 'Company', 'feed-imp-b'],
      ['CREATED', 'HEADQUARTERED_IN', 'feed-imp-a>DE'],
      ['CREATED', 'HEADQUARTERED_IN', 'feed-imp-b>CN'],
      ['UPDATED', 'Company', 'feed-imp-b'],
      ['CREATED', 'SUBSIDIARY_OF', 'feed-imp-b>feed-imp-a'],
    ]);
    afterImport = await lastCursor();
    // The same rows again are skipped as unchanged: no change.
    await importDataset(graph.db, dir, 'test');
    expect(await allChanges(afterImport)).toEqual([]);
  });

  it("a retraction appends what it retired as RETRACTED, with the import's id", async () => {
    await retractImport(graph.db, importId, { by: 'test retractor', reason: 'test' });
    const retracted = await allChanges(afterImport);
    expect(retracted.every((c) => c.op === 'RETRACTED' && c.by === 'test retractor')).toBe(true);
    expect(brief(retracted).map(([, type, what]) => `${type} ${what}`).sort()).toEqual(
      [
        'Company feed-imp-a',
        'Company feed-imp-b',
        'HEADQUARTERED_IN feed-imp-a>DE',
        'HEADQUARTERED_IN feed-imp-b>CN',
        'SUBSIDIARY_OF feed-imp-b>feed-imp-a',
        'Source feed-import-src',
      ].sort(),
    );
    expect(retracted.filter((c) => c.entity?.__typename === 'Company').every((c) => c.importId === importId)).toBe(true);
  });
});

describe('retention', { timeout: 120_000 }, () => {
  it('prunes all but the newest changes and refuses a cursor from before them as expired', async () => {
    const oldCursor = encodeChangeCursor(3);
    const last = await lastCursor();
    const deleted = await pruneChanges(graph.db, { maxAgeMs: null, maxCount: 5, batchSize: 50 });
    expect(deleted).toBeGreaterThan(50);
    const kept = await allChanges();
    expect(kept).toHaveLength(5);
    expect(kept.at(-1)!.cursor).toBe(last);
    const { errors } = await changes({ after: oldCursor });
    expect(errors?.[0]?.extensions?.code).toBe('CHANGE_CURSOR_EXPIRED');
    expect(errors?.[0]?.message).toMatch(/older than the change log's retention/);
    const oldest = errors![0]!.extensions!.oldestCursor as string;
    expect(await allChanges(oldest)).toEqual(kept);
    // Pruning again is a no-op; by age, nothing here is a week old.
    expect(await pruneChanges(graph.db, { maxAgeMs: null, maxCount: 5 })).toBe(0);
    expect(await pruneChanges(graph.db, { maxAgeMs: 7 * 24 * 3600_000, maxCount: null })).toBe(0);
  });
});

describe('graphChanged', { timeout: 120_000 }, () => {
  it('sends a mutation over WebSocket', async () => {
    const { received, stop } = wsSubscribe(writers.base, {});
    // Subscribed from now: the write below must come once the server has registered it.
    await subscribed(graph.server, 1);
    await addSource('feed-ws-1');
    const [change] = await received.take(1);
    expect(change).toMatchObject({ op: 'CREATED', entity: { __typename: 'Source', id: 'feed-ws-1' }, edge: null });
    stop();
  });

  it('sends a mutation over Server-Sent Events', async () => {
    const after = await lastCursor();
    const { received, stop } = sseSubscribe(writers.base, { after });
    await addSource('feed-sse-1');
    const [change] = await received.take(1);
    expect(change).toMatchObject({ op: 'CREATED', entity: { __typename: 'Source', id: 'feed-sse-1' } });
    stop();
  });

  it('catches up from a cursor, then goes live, without a gap or a duplicate, filtered by types', async () => {
    const after = await lastCursor();
    await addSource('feed-catch-1');
    await editor(UPSERT_COMPANY, { input: { id: 'feed-co-2', name: 'Feed Co 2 (fictional)', source: { id: 'feed-source-1' } } });
    await addSource('feed-catch-2');
    const { received, stop } = wsSubscribe(writers.base, { after, types: ['Source'] });
    expect(brief(await received.take(2))).toEqual([
      ['CREATED', 'Source', 'feed-catch-1'],
      ['CREATED', 'Source', 'feed-catch-2'],
    ]);
    await addSource('feed-catch-3');
    await editor(UPSERT_COMPANY, { input: { id: 'feed-co-3', name: 'Feed Co 3 (fictional)', source: { id: 'feed-source-1' } } });
    await addSource('feed-catch-4');
    expect(brief(await received.take(2))).toEqual([
      ['CREATED', 'Source', 'feed-catch-3'],
      ['CREATED', 'Source', 'feed-catch-4'],
    ]);
    expect(received.changes).toEqual([]);
    stop();
  });

  it('reaches SDK users: client.graphChanged() iterates the changes, typed by the generated document', async () => {
    const client = createSdkClient({ url: `${writers.base}/graphql` });
    const after = await lastCursor();
    const changes = client.graphChanged({ after, types: ['Source'] });
    await addSource('feed-sdk-1');
    const { value } = await changes.next();
    expect(value!.graphChanged).toMatchObject({ op: 'CREATED', entity: { __typename: 'Source', id: 'feed-sdk-1' } });
    await changes.return!();
    const expired = client.graphChanged({ after: encodeChangeCursor(1) });
    const error = await expired.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GreengraphError);
    expect((error as GreengraphError).codes).toEqual(['CHANGE_CURSOR_EXPIRED']);
  });

  it('ends a subscriber that falls too far behind with SUBSCRIBER_TOO_SLOW, after the changes it was queued; its last cursor resumes', async () => {
    const server = await createServer({ db: graph.db, logError: () => undefined, changes: { maxQueued: 3 } });
    const base = `http://127.0.0.1:${await server.listen(0)}`;
    try {
      // Catching up from the first change offers a whole page at once: far more than 3 wait for this subscriber.
      const [first] = await allChanges(null);
      const slow = wsSubscribe(base, { after: first!.cursor });
      const error = (await slow.received.error()) as { extensions?: { code?: string } }[];
      expect(error[0]!.extensions!.code).toBe('SUBSCRIBER_TOO_SLOW');
      const delivered = slow.received.changes;
      expect(delivered.length).toBeGreaterThanOrEqual(3);
      expect(delivered.length).toBeLessThanOrEqual(4);
      const logged = await allChanges(first!.cursor);
      const cursors = (list: Change[]) => list.map((c) => c.cursor);
      expect(cursors(delivered)).toEqual(cursors(logged.slice(0, delivered.length)));
      // Resumed where it stopped (on a server that lets it queue more, as a subscriber that keeps up would be).
      const resumed = wsSubscribe(writers.base, { after: delivered.at(-1)!.cursor });
      expect(cursors(await resumed.received.take(1))).toEqual(cursors([logged[delivered.length]!]));
      resumed.stop();
    } finally {
      await server.close();
    }
  });

  it('refuses a malformed and an expired cursor', async () => {
    const bad = wsSubscribe(writers.base, { after: 'nonsense!' });
    expect(JSON.stringify(await bad.received.error())).toMatch(/BAD_USER_INPUT/);
    const old = wsSubscribe(writers.base, { after: encodeChangeCursor(1) });
    expect(JSON.stringify(await old.received.error())).toMatch(/CHANGE_CURSOR_EXPIRED/);
  });

  it('loses no change across a server restart: the subscriber reconnects with its last cursor', async () => {
    let server: GreengraphServer = await createServer({ db: graph.db, logError: () => undefined });
    let base = `http://127.0.0.1:${await server.listen(0)}`;
    const first = wsSubscribe(base, { after: await lastCursor() });
    await addSource('feed-restart-1');
    const [seen] = await first.received.take(1);
    expect(seen!.entity!.id).toBe('feed-restart-1');
    await first.client.dispose();
    await server.close();
    // Written while no server of this subscriber runs (through another one).
    await addSource('feed-restart-2');
    await addSource('feed-restart-3');
    server = await createServer({ db: graph.db, logError: () => undefined });
    base = `http://127.0.0.1:${await server.listen(0)}`;
    const again = wsSubscribe(base, { after: seen!.cursor });
    expect(brief(await again.received.take(2))).toEqual([
      ['CREATED', 'Source', 'feed-restart-2'],
      ['CREATED', 'Source', 'feed-restart-3'],
    ]);
    await addSource('feed-restart-4');
    expect(brief(await again.received.take(1))).toEqual([['CREATED', 'Source', 'feed-restart-4']]);
    expect(again.received.changes).toEqual([]);
    await again.client.dispose();
    await server.close();
  });

  it('ends open WebSocket and SSE subscriptions when the server closes', async () => {
    const server = await createServer({ db: graph.db, logError: () => undefined });
    const base = `http://127.0.0.1:${await server.listen(0)}`;
    const ws = wsSubscribe(base, {});
    const sse = sseSubscribe(base, {});
    await subscribed(server, 2);
    await server.close();
    expect(server.changeFeed.size).toBe(0);
    await ws.received.ended();
    await sse.received.ended();
    expect(server.http.listening).toBe(false);
  });

  it('refuses new connections as soon as it starts closing, while a subscriber is still taking its leave', async () => {
    const server = await createServer({ db: graph.db, logError: () => undefined });
    const port = await server.listen(0);
    // A WebSocket client that never answers the server's close frame: the server waits for it up to ws's close timeout.
    const silent = connect(port, '127.0.0.1');
    const upgraded = new Promise<string>((resolve) => silent.once('data', (data) => resolve(String(data).split('\r\n')[0]!)));
    silent.write(
      'GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
    silent.on('error', () => undefined);
    expect(await upgraded).toMatch(/^HTTP\/1\.1 101/);
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const newcomer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve('accepted')));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    await closing;
    silent.destroy();
    expect(newcomer).toBe('ECONNREFUSED');
    expect(server.http.listening).toBe(false);
  });

  it('follows the read rules: with keys required, an anonymous subscriber is refused with UNAUTHENTICATED, a reader is served', async () => {
    const server = await createServer({ db: graph.db, logError: () => undefined, requireKeyForReads: true });
    const base = `http://127.0.0.1:${await server.listen(0)}`;
    try {
      const anonymous = wsSubscribe(base, {});
      expect(JSON.stringify(await anonymous.received.error())).toMatch(/UNAUTHENTICATED/);
      const sse = await fetch(`${base}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: GRAPH_CHANGED, variables: {} }),
      });
      expect(sse.status).toBe(401);
      expect(((await sse.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const reader = wsSubscribe(base, { after: await lastCursor() }, writers.keys.reader);
      await addSource('feed-keys-1');
      expect(brief(await reader.received.take(1))).toEqual([['CREATED', 'Source', 'feed-keys-1']]);
      await reader.client.dispose();
    } finally {
      await server.close();
    }
  });
});
