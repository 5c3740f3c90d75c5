/**
 * Races: the same conflicting mutations sent at the same moment, many rounds
 * each, against the real Neo4j through HTTP. Whatever the interleaving, the
 * graph must be one that some sequential order of the calls could have
 * produced, the calls that lose must be told why (BAD_USER_INPUT naming the
 * rule), and a call that wrote must never be reported as failed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context.js';
import { databaseUnavailable, writeConflict } from '../src/errors.js';
import { Database, isLockConflict, type Row } from '../src/neo4j/database.js';
import { WriteLocks } from '../src/write/locks.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);

const ROUNDS = 20;
const SOURCE = { id: 'race-src' };

const UPSERT_COMPANY = 'mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id name } }';
const UPSERT_PARK = 'mutation($input: UpsertParkInput!) { upsertPark(input: $input) { id name } }';
const LINK_PARENT = 'mutation($input: LinkParentInput!) { linkParent(input: $input) { id parent { id } } }';
const RECORD_PLEDGE = 'mutation($input: RecordPledgeInput!) { recordPledge(input: $input) { id statement } }';
const RECORD_PARTNERSHIP = 'mutation($input: RecordPartnershipInput!) { recordPartnership(input: $input) { id } }';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

async function editor(query: string, input: Record<string, unknown>): Promise<Answer> {
  return (await writers.post(query, { input }, writers.keys.editor)).body as Answer;
}

/** Creates companies one by one (setup, not part of any race). */
async function companies(...ids: string[]): Promise<void> {
  for (const id of ids) {
    const answer = await editor(UPSERT_COMPANY, { id, name: `Race ${id} (fictional)`, source: SOURCE });
    expect(answer.errors).toBeUndefined();
  }
}

const link = (company: string, parent: string) => editor(LINK_PARENT, { company, parent, kind: 'SUBSIDIARY', source: SOURCE });

/** Splits the answers of one race into the calls that wrote and the refusals, failing on anything else. */
function outcome(answers: Answer[]): { won: Answer[]; lost: Answer[] } {
  for (const answer of answers) {
    if (answer.errors) expect(answer.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  }
  return { won: answers.filter((a) => !a.errors), lost: answers.filter((a) => a.errors) };
}

/** Every current parent link among the given companies, as "child>parent". */
async function currentParentLinks(ids: string[]): Promise<string[]> {
  const rows = await graph.db.read(
    `MATCH (c:Company)-[r:SUBSIDIARY_OF]->(p:Company)
     WHERE c.id IN $ids AND r.retiredOn IS NULL
     RETURN c.id + '>' + p.id AS link ORDER BY link`,
    { ids },
  );
  return rows.map((row) => row.link as string);
}

async function companiesOnACycle(ids: string[]): Promise<number> {
  const [row] = await graph.db.read(
    `MATCH (c:Company) WHERE c.id IN $ids
       AND EXISTS { MATCH p = (c)-[:SUBSIDIARY_OF*1..50]->(c) WHERE all(r IN relationships(p) WHERE r.retiredOn IS NULL) }
     RETURN count(c) AS n`,
    { ids },
  );
  return row!.n as number;
}

beforeAll(async () => {
  const answer = await editor('mutation($input: SourceInput!) { upsertSource(input: $input) { id } }', { id: 'race-src', title: 'Race test source (fictional)' });
  expect(answer.errors).toBeUndefined();
});

describe('concurrent writes serialize into a sequential history', () => {
  it(`linkParent A→B and B→A at once: one wins, the other is refused as a cycle (${ROUNDS} rounds)`, { timeout: 120_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [`cyc-${round}-a`, `cyc-${round}-b`];
      await companies(a, b);
      const { won, lost } = outcome(await Promise.all([link(a, b), link(b, a)]));
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost[0]!.errors![0]!.message).toMatch(/would make a company its own ancestor/);
      expect(await companiesOnACycle([a, b]), `round ${round}`).toBe(0);
      expect(await currentParentLinks([a, b])).toHaveLength(1);
    }
  });

  it(`two links that close a longer cycle together (A→B, C→D over B→C and D→A): one is refused (${ROUNDS} rounds)`, { timeout: 120_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => `ring-${round}-${x}`) as [string, string, string, string];
      await companies(a, b, c, d);
      expect((await link(b, c)).errors).toBeUndefined();
      expect((await link(d, a)).errors).toBeUndefined();
      const { won, lost } = outcome(await Promise.all([link(a, b), link(c, d)]));
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost[0]!.errors![0]!.message).toMatch(/would make a company its own ancestor/);
      expect(await companiesOnACycle([a, b, c, d]), `round ${round}`).toBe(0);
    }
  });

  it(`linkParent X→P1 and X→P2 at once: X ends with exactly one current parent (${ROUNDS} rounds)`, { timeout: 120_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [x, p1, p2] = [`one-${round}-x`, `one-${round}-p1`, `one-${round}-p2`];
      await companies(x, p1, p2);
      const answers = await Promise.all([link(x, p1), link(x, p2)]);
      const { won, lost } = outcome(answers);
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost[0]!.errors![0]!.message).toMatch(/already has the parent/);
      const winner = (won[0]!.data!.linkParent as { parent: { id: string } }).parent.id;
      expect(await currentParentLinks([x])).toEqual([`${x}>${winner}`]);
    }
  });

  it(`50 recordPledge calls on one pledge at once: one current version, a consistent history (${ROUNDS} rounds)`, { timeout: 240_000 }, async () => {
    await companies('pledge-race-pledger');
    for (let round = 0; round < ROUNDS; round++) {
      const id = `raced-pledge-${round}`;
      const calls = Array.from({ length: 50 }, (_, i) =>
        editor(RECORD_PLEDGE, { id, pledger: 'pledge-race-pledger', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 2030 + (i % 30), statement: `Terms ${i}.`, source: SOURCE }),
      );
      const { won } = outcome(await Promise.all(calls));
      expect(won, `round ${round}`).toHaveLength(50);
      const versions = await graph.db.read(
        `MATCH (p:Pledge {id: $id})-[:HAS_VERSION]->(v:PledgeVersion)
         RETURN v.statement AS statement, v.targetYear AS targetYear, toString(v.validFrom) AS validFrom, toString(v.validTo) AS validTo`,
        { id },
      );
      const [pledge] = await graph.db.read('MATCH (p:Pledge {id: $id}) RETURN p.statement AS statement, p.targetYear AS targetYear', { id });
      // Every call stated different terms, so every one of them made a version.
      expect(versions, `round ${round}`).toHaveLength(50);
      const current = versions.filter((v) => v.validTo === null);
      expect(current, `round ${round}: versions without validTo`).toHaveLength(1);
      expect({ statement: current[0]!.statement, targetYear: current[0]!.targetYear }).toEqual(pledge);
      // The versions form one chain: each closed one ends where another begins, and the current one began last.
      const [chain] = await graph.db.read(
        `MATCH (:Pledge {id: $id})-[:HAS_VERSION]->(v:PledgeVersion)
         WITH v ORDER BY v.validFrom
         WITH collect(toString(v.validFrom)) AS starts, collect(v) AS versions
         UNWIND versions AS v
         WITH starts, v ORDER BY v.validTo
         RETURN starts, [x IN collect(v) WHERE x.validTo IS NOT NULL | toString(x.validTo)] AS ends`,
        { id },
      );
      const starts = chain!.starts as string[];
      expect(chain!.ends, `round ${round}: each closed version ends where the next begins`).toEqual(starts.slice(1));
      expect(starts.at(-1)).toBe(current[0]!.validFrom);
    }
  });

  it(`upsertCompany(X) and upsertPark(X) at once: X is one or the other, never a mix (${ROUNDS} rounds)`, { timeout: 120_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = `typed-${round}`;
      const answers = await Promise.all([
        editor(UPSERT_COMPANY, { id, name: 'Raced as a company', country: 'DE', source: SOURCE }),
        editor(UPSERT_PARK, { id, name: 'Raced as a park', province: 'CN-HB', status: 'OPERATING', source: SOURCE }),
      ]);
      const { won, lost } = outcome(answers);
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost[0]!.errors![0]!.message).toMatch(/already belongs to a (Company|Park)/);
      const [node] = await graph.db.read(
        `MATCH (n:Entity {id: $id})
         RETURN [l IN labels(n) WHERE l <> 'Entity'] AS types, n.name AS name, n.status AS status,
                EXISTS { (n)-[:HEADQUARTERED_IN]->() } AS headquartered, EXISTS { (n)-[:LOCATED_IN]->() } AS located`,
        { id },
      );
      const winner = won[0]!.data!.upsertCompany ? 'Company' : 'Park';
      expect(node, `round ${round}`).toEqual(
        winner === 'Company'
          ? { types: ['Company'], name: 'Raced as a company', status: null, headquartered: true, located: false }
          : { types: ['Park'], name: 'Raced as a park', status: 'OPERATING', headquartered: false, located: true },
      );
    }
  });
});

describe('recordPartnership participants', () => {
  it('refuses the same company twice, in any roles, and writes nothing', async () => {
    await companies('dup-partner');
    const answer = await editor(RECORD_PARTNERSHIP, {
      id: 'dup-partnership', kind: 'SUPPLY', title: 'Duplicate participants (fictional)', province: 'CN-HB',
      participants: [{ company: 'dup-partner', role: 'LEAD' }, { company: 'dup-partner', role: 'PARTNER' }],
      source: SOURCE,
    });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participants[1].company' });
    expect(answer.errors![0]!.message).toMatch(/"dup-partner" is listed twice/);
    const [row] = await graph.db.read("MATCH (n:Entity {id: 'dup-partnership'}) RETURN count(n) AS n");
    expect(row!.n).toBe(0);
  });
});

describe('WriteLocks', () => {
  it('makes a second transaction locking the same id wait for the first to end, and stores nothing', async () => {
    const [first, second] = [graph.db.driver.session(), graph.db.driver.session()];
    const [t1, t2] = [await first.beginTransaction(), await second.beginTransaction()];
    try {
      const locks1 = new WriteLocks(t1 as never);
      await locks1.lock(['lock-test-b', 'lock-test-a']);
      // The lock statement deletes its nodes at once: the locks are the index entries, held until t1 ends.
      const inT1 = await t1.run('MATCH (l:WriteLock) RETURN count(l) AS n');
      expect(Number(inT1.records[0]!.get('n'))).toBe(0);
      let secondHasIt = false;
      const waiting = new WriteLocks(t2 as never).lock(['lock-test-a']).then(() => (secondHasIt = true));
      // The second transaction is still blocked after a good while (on a loaded machine, give it time to get there).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(secondHasIt).toBe(false);
      await t1.commit();
      await waiting;
      expect(secondHasIt).toBe(true);
      await t2.rollback();
    } finally {
      await first.close();
      await second.close();
    }
    const [row] = await graph.db.read('MATCH (l:WriteLock) RETURN count(l) AS n');
    expect(row!.n).toBe(0);
  });
});

describe('deadlocks', () => {
  /** Two writes that lock `first` then `second` in opposite orders, both holding their first lock before either takes its second. */
  async function crossedWrites(db: Database, attempts: { n: number }) {
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const write = (first: string, second: string) =>
      db.writeTransaction(async (tx) => {
        const locks = new WriteLocks(tx);
        await locks.lock([first]);
        attempts.n++;
        // Only the first attempts meet at the barrier; a retried attempt goes straight on.
        if (attempts.n <= 2) {
          if (++arrived === 2) release();
          await bothHoldOne;
        }
        await locks.lock([second]);
      });
    return Promise.allSettled([write('crossed-x', 'crossed-y'), write('crossed-y', 'crossed-x')]);
  }

  it('are retried by the managed transaction: both writes succeed', async () => {
    const attempts = { n: 0 };
    const results = await crossedWrites(graph.db, attempts);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(attempts.n).toBe(3);
  });

  it('that outlast the retries are WRITE_CONFLICT (retryable), not an internal error', async () => {
    // Unmanaged transactions are not retried: the deadlock Neo4j reports comes back as it is.
    const sessions = [graph.db.driver.session(), graph.db.driver.session()];
    const [t1, t2] = await Promise.all(sessions.map((s) => s.beginTransaction()));
    try {
      await new WriteLocks(t1 as never).lock(['unmanaged-x']);
      await new WriteLocks(t2 as never).lock(['unmanaged-y']);
      const results = await Promise.allSettled([new WriteLocks(t1 as never).lock(['unmanaged-y']), new WriteLocks(t2 as never).lock(['unmanaged-x'])]);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect(isLockConflict(failed[0]!.reason)).toBe(true);
      expect(writeConflict().extensions).toEqual({ code: 'WRITE_CONFLICT', retryable: true });
    } finally {
      await Promise.allSettled([t1!.rollback(), t2!.rollback()]);
      await Promise.all(sessions.map((s) => s.close()));
    }
  });
});

describe('after the commit', () => {
  /** The real database for writes, one that is down for every read: the outage begins right after the commit. */
  class ReadsFail extends Database {
    override withCounter(): Database {
      return this;
    }
    override async read(): Promise<Row[]> {
      throw databaseUnavailable();
    }
    override async readTransaction(): Promise<never> {
      throw databaseUnavailable();
    }
  }

  it('says a write was committed when only reading its answer back failed', async () => {
    const db = new ReadsFail(graph.db.driver, graph.db.database, 30_000);
    const context = createContext(db, { kind: 'key', credential: { keyId: '0123456789abcdef', name: 'test editor', role: 'editor' } });
    const response = await graph.server.apollo.executeOperation(
      { query: UPSERT_COMPANY, variables: { input: { id: 'committed-unread', name: 'Committed, not read back (fictional)', source: SOURCE } } },
      { contextValue: context },
    );
    const { errors } = response.body.kind === 'single' ? response.body.singleResult : { errors: undefined };
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', committed: true, retryable: true });
    expect(errors?.[0]?.message).toMatch(/^The write was committed/);
    const [row] = await graph.db.read("MATCH (n:Company {id: 'committed-unread'}) RETURN n.name AS name");
    expect(row?.name).toBe('Committed, not read back (fictional)');
  });
});
