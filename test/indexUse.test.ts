/**
 * Every lookup uses an index: the Cypher behind each contract operation,
 * captured as the API sends it, is EXPLAINed on the migrated schema with a
 * synthetic graph beside the seed (so that the planner sees a realistic
 * shape), and a plan that scans all nodes or a whole label fails the test
 * unless that scan is the point of the operation and is allowed below with
 * the reason.
 */
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../src/neo4j/database.js';
import { projectRoot } from '../src/projectRoot.js';
import { writeSyntheticGraph } from '../src/synthetic/writeSynthetic.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

interface Statement {
  cypher: string;
  params: Record<string, unknown>;
}

/** Scans that are the point of an operation, by operation and the scanned label. */
const ALLOWED_SCANS: Record<string, Record<string, string>> = {
  GraphStats: {
    Company: 'counts every company and which of them are foreign',
    Province: 'one row per province, all 34 of them',
    Park: 'counts every park',
    Partnership: 'counts every partnership',
    Pledge: 'counts every pledge',
    Facility: 'counts every current facility (retired ones are left out, so no count store answers)',
    Source: 'counts every source',
    Entity: 'counts the relationships between entities (those a whole-graph export holds), which no count store answers',
  },
};

const variables: Record<string, Record<string, unknown>> = {
  ForeignCoBuilders: { province: 'CN-HB' },
  ForeignFirmsInProvince: { province: 'CN-HB' },
  CompanyProfile: { id: 'syn-company-0' },
  ProvinceOverview: { code: 'CN-HB' },
  ParkDetail: { id: 'syn-park-0' },
  PledgesDueBy: { year: 2030 },
  Search: { text: 'Green Power' },
  HowConnected: { from: 'syn-company-0', to: 'syn-company-999' },
  Neighborhood: { id: 'syn-park-0' },
  GraphStats: {},
};

/** A driver whose reads (auto-commit or in read transactions) record every statement they run. */
function recordingDriver(driver: Driver, into: Statement[]): Driver {
  const recordTx = (tx: ManagedTransaction) =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property === 'run') {
          return (cypher: string, params: Record<string, unknown>) => {
            into.push({ cypher, params });
            return target.run(cypher, params);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(driver, {
    get(target, property, receiver) {
      if (property === 'session') {
        return (...args: Parameters<Driver['session']>) => {
          const session = target.session(...args);
          return new Proxy(session, {
            get(s, p, r) {
              // One-statement reads run as auto-commit reads (Database.read).
              if (p === 'run') {
                return (cypher: string, params: Record<string, unknown>, config?: unknown) => {
                  into.push({ cypher, params });
                  return s.run(cypher, params, config as never);
                };
              }
              if (p === 'executeRead') {
                return (work: (tx: ManagedTransaction) => unknown, config?: unknown) =>
                  (s.executeRead as Session['executeRead'])((tx) => work(recordTx(tx)) as Promise<unknown>, config as never);
              }
              const value: unknown = Reflect.get(s, p, r);
              return typeof value === 'function' ? value.bind(s) : value;
            },
          });
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** Every operator of a plan, with its details. */
function operators(plan: PlanNode): { operator: string; details: string }[] {
  return [
    { operator: plan.operatorType.split('@')[0]!, details: String(plan.arguments.Details ?? '') },
    ...plan.children.flatMap(operators),
  ];
}

/** Every scan of all nodes or of a whole label in a plan, as "Operator label". */
function scans(plan: PlanNode): { operator: string; label: string }[] {
  const found: { operator: string; label: string }[] = [];
  const visit = (node: PlanNode) => {
    const operator = node.operatorType.split('@')[0]!;
    if (operator === 'AllNodesScan' || operator === 'NodeByLabelScan') {
      const details = String(node.arguments.Details ?? '');
      found.push({ operator, label: operator === 'AllNodesScan' ? '*' : (/:(\w+)/.exec(details)?.[1] ?? details) });
    }
    node.children.forEach(visit);
  };
  visit(plan);
  return found;
}

const statements: Record<string, Statement[]> = {};

/** The analysts' operations whose filter is anchored on an index, with the index each must seek. */
const ANALYST_SEEKS: Record<string, { variables: Record<string, unknown>; label: string; index: RegExp }> = {
  ForeignLedPartnerships: { variables: { since: '2024' }, label: 'Partnership', index: /:Partnership\(startedOn\)/ },
  PledgeWindow: { variables: { from: 2027, to: 2035 }, label: 'Pledge', index: /:Pledge\(targetYear\)/ },
  DomesticPartnersOfForeignFirms: { variables: {}, label: 'Company', index: /:Company\(foreign\)/ },
};

/**
 * Case-insensitive text matching, asked as analysts ask it in the playground: each
 * starts from the TEXT index on the stored lower-cased twin, never a label scan.
 */
const FOLDED_SEEKS: Record<string, { query: string; label: string; index: RegExp }> = {
  CompanyNameAnyCase: { query: '{ companies(where: { name: { contains: "SCHNEIDER", caseInsensitive: true } }) { totalCount nodes { id } } }', label: 'Company', index: /:Company\(nameFolded\)/ },
  SectorAnyCase: { query: '{ companies(where: { sector: { startsWith: "AUTO", caseInsensitive: true } }) { totalCount nodes { id } } }', label: 'Company', index: /:Company\(sectorFolded\)/ },
  ParkNameAnyCase: { query: '{ parks(where: { name: { endsWith: "PARK", caseInsensitive: true } }) { totalCount nodes { id } } }', label: 'Park', index: /:Park\(nameFolded\)/ },
  TitleAnyCase: { query: '{ partnerships(where: { title: { contains: "ZERO", caseInsensitive: true } }) { totalCount nodes { id } } }', label: 'Partnership', index: /:Partnership\(titleFolded\)/ },
};

/**
 * Filters that name the nodes they keep through a related node's key: the
 * candidate match starts from that key's index and walks to them, never
 * testing the filter on every node of the label.
 */
const ANCHORED_SEEKS: Record<string, { variables: Record<string, unknown>; scanned: string; index: RegExp; query?: string }> = {
  ParksWithTargets: { variables: { provinceA: 'CN-HB', provinceB: 'Guangdong', year: 2035 }, scanned: 'Park', index: /:Province\(code\)/ },
  // A relationship filter naming the related node by its key (src/read/anchor.ts, relationshipAnchor).
  PartnershipsInProvince: {
    query: '{ partnerships(where: { province: { some: { code: { eq: "CN-HB" } } } }) { totalCount nodes { id } } }',
    variables: {},
    scanned: 'Partnership',
    index: /:Province\(code\)/,
  },
  CompaniesOfCountries: {
    query: '{ companies(where: { AND: [{ headquarteredIn: { some: { code: { in: ["DE", "FR"] } } } }, { name: { startsWith: "S" } }] }) { totalCount nodes { id } } }',
    variables: {},
    scanned: 'Company',
    index: /:Country\(code\)/,
  },
  PledgesOfPartnership: {
    query: '{ pledges(where: { partnerships: { some: { id: { eq: "syn-partnership-0" } } } }, first: 5) { nodes { id } } }',
    variables: {},
    scanned: 'Pledge',
    index: /:Entity\(id\)/,
  },
};

/**
 * A page (without totalCount, which reads every match) in the order of an
 * indexed property that every node has reads the index in order and stops
 * at the page (PartialTop), never sorting the whole label.
 */
const INDEX_ORDERED: Record<string, { query: string; index: RegExp }> = {
  CompaniesByDefault: { query: '{ companies(first: 20) { nodes { id } } }', index: /:Company\(name\)/ },
  CompaniesByName: { query: '{ companies(sort: [{ name: ASC }], first: 20) { nodes { id } } }', index: /:Company\(name\)/ },
  ParksByName: { query: '{ parks(sort: [{ name: ASC }], first: 20) { nodes { id name } } }', index: /:Park\(name\)/ },
  PartnershipsByTitleDescending: { query: '{ partnerships(sort: [{ title: DESC }], first: 20) { nodes { id } } }', index: /:Partnership\(title\)/ },
  SourcesByDefault: { query: '{ sources(first: 20) { nodes { id } } }', index: /:Source\(title\)/ },
  // Keys some nodes lack: those that have them are read in index order, the others only when those fall short (setThenMissing).
  PledgesByDefault: { query: '{ pledges(first: 20) { nodes { id } } }', index: /:Pledge\(targetYear\)/ },
  PledgesByYearDescending: { query: '{ pledges(sort: [{ targetYear: DESC }], first: 20) { nodes { id } } }', index: /:Pledge\(targetYear\)/ },
  PartnershipsNewestFirst: { query: '{ partnerships(sort: [{ startedOn: DESC }], first: 20) { nodes { id } } }', index: /:Partnership\(startedOn\)/ },
  SourcesByPublication: { query: '{ sources(sort: [{ publishedOn: ASC }, { title: ASC }], first: 20) { nodes { id } } }', index: /:Source\(publishedOn\)/ },
};

/**
 * The candidate match of a compiled connection over `label`: from its
 * `COLLECT { MATCH (x:Label)` to the `RETURN x` that closes it, braces of
 * the filter's subqueries included. Neo4j plans it as a nested plan that
 * EXPLAIN of the whole statement does not show.
 */
function candidateMatch(cypher: string, label: string): string | undefined {
  const start = new RegExp(`COLLECT \\{ (MATCH \\((\\w+):${label}\\))`).exec(cypher);
  if (!start) return undefined;
  const from = start.index + 'COLLECT { '.length;
  let depth = 0;
  for (let i = from; i < cypher.length; i++) {
    if (cypher[i] === '{') depth++;
    else if (cypher[i] === '}') depth--;
    else if (depth === 0 && cypher.startsWith(` RETURN ${start[2]}`, i)) return cypher.slice(from, i);
  }
  return undefined;
}

beforeAll(async () => {
  await writeSyntheticGraph(graph.db, 1000, 42);
  // Plans follow index statistics, which Neo4j refreshes in the background once enough has changed: without
  // this, a plan read right after the synthetic graph was written depends on whether that refresh has run yet.
  await graph.db.write('CALL db.prepareForReplanning()');
  const recorded: Statement[] = [];
  const recording = new Database(recordingDriver(graph.db.driver, recorded), null, 30_000);
  const { createServer } = await import('../src/server.js');
  const { createContext } = await import('../src/context.js');
  const server = await createServer({ db: recording });
  try {
    const analysts = readFileSync(join(projectRoot(), 'src', 'client', 'operations', 'analysts.graphql'), 'utf8');
    const runs = [
      ...Object.entries(contractOperations).map(([name, query]) => ({ name, query, variables: variables[name] })),
      ...Object.entries(ANALYST_SEEKS).map(([name, seek]) => ({ name, query: analysts, variables: seek.variables })),
      ...Object.entries(ANCHORED_SEEKS).map(([name, seek]) => ({ name, query: seek.query ?? analysts, variables: seek.variables })),
      ...Object.entries(FOLDED_SEEKS).map(([name, seek]) => ({ name, query: seek.query, variables: {} })),
      ...Object.entries(INDEX_ORDERED).map(([name, ordered]) => ({ name, query: ordered.query, variables: {} })),
    ];
    for (const { name, query, variables } of runs) {
      recorded.length = 0;
      const operationName = name in FOLDED_SEEKS || name in INDEX_ORDERED || ANCHORED_SEEKS[name]?.query ? undefined : name;
      const response = await server.apollo.executeOperation({ query, variables, operationName }, { contextValue: createContext(recording) });
      if (response.body.kind !== 'single' || response.body.singleResult.errors) {
        throw new Error(`${name} failed: ${JSON.stringify(response.body)}`);
      }
      statements[name] = [...recorded];
    }
  } finally {
    await server.close();
  }
}, 180_000);

/**
 * The candidate match of the first connection in `cypher`, however it starts:
 * the body of its first COLLECT, up to the `RETURN` that closes it (`whole`:
 * up to its closing brace, the RETURN, ORDER BY and LIMIT included).
 */
function firstCandidateMatch(cypher: string, whole = false): string | undefined {
  const start = /(\[\w+ IN \[|items: )COLLECT \{ /.exec(cypher);
  if (!start) return undefined;
  const from = start.index + start[0].length;
  let depth = 0;
  for (let i = from; i < cypher.length; i++) {
    if (cypher[i] === '{') depth++;
    else if (cypher[i] === '}' && depth === 0 && whole) return cypher.slice(from, i);
    else if (cypher[i] === '}') depth--;
    else if (depth === 0 && !whole && cypher.startsWith(' RETURN ', i)) return cypher.slice(from, i);
  }
  return undefined;
}

/** The plan of the candidate match over `label` in the first statement operation `name` ran (see candidateMatch). */
async function candidatePlan(name: string, label: string): Promise<{ plan: PlanNode; candidates: string }> {
  const [statement] = statements[name]!;
  const candidates = candidateMatch(statement!.cypher, label);
  expect(candidates, statement!.cypher).toBeDefined();
  const session = graph.db.driver.session();
  try {
    const result = await session.run(`EXPLAIN ${candidates} RETURN count(*)`, statement!.params);
    return { plan: result.summary.plan as unknown as PlanNode, candidates: candidates! };
  } finally {
    await session.close();
  }
}

describe('index use', () => {
  it.each(Object.keys(variables))('%s scans no label where an index should serve', async (name) => {
    expect(statements[name]!.length).toBeGreaterThan(0);
    const unexpected: string[] = [];
    const session = graph.db.driver.session();
    try {
      for (const { cypher, params } of statements[name]!) {
        const result = await session.run(`EXPLAIN ${cypher}`, params);
        for (const scan of scans(result.summary.plan as unknown as PlanNode)) {
          if (!ALLOWED_SCANS[name]?.[scan.label]) unexpected.push(`${scan.operator} ${scan.label} in:\n${cypher}`);
        }
      }
    } finally {
      await session.close();
    }
    expect(unexpected).toEqual([]);
  });

  it('an import batch finds its Import record through the id constraint, not a label scan', async () => {
    const { batchCommittedCypher } = await import('../src/import/importRecord.cypher.js');
    const session = graph.db.driver.session();
    try {
      const result = await session.run(`EXPLAIN ${batchCommittedCypher}`, { importId: 'import-x', done: 1, ids: ['a'] });
      const plan = result.summary.plan as unknown as PlanNode;
      expect(scans(plan).filter((s) => s.label === 'Import')).toEqual([]);
      expect(operators(plan).some((o) => o.operator.startsWith('NodeUniqueIndexSeek') && /:Import\(id\)/.test(o.details))).toBe(true);
    } finally {
      await session.close();
    }
  });

  it.each(Object.keys(ANALYST_SEEKS))("the analysts' %s starts its filter from the index", async (name) => {
    const { label, index } = ANALYST_SEEKS[name]!;
    const { plan, candidates } = await candidatePlan(name, label);
    const seeks = operators(plan).filter((o) => o.operator.startsWith('NodeIndexSeek') && index.test(o.details));
    expect(seeks, candidates).not.toEqual([]);
  });

  it.each(Object.keys(ANCHORED_SEEKS))("the analysts' %s starts from the related key's index, not every node of the label", async (name) => {
    const { scanned, index } = ANCHORED_SEEKS[name]!;
    const [statement] = statements[name]!;
    const candidates = firstCandidateMatch(statement!.cypher);
    expect(candidates, statement!.cypher).toBeDefined();
    const session = graph.db.driver.session();
    try {
      const plan = (await session.run(`EXPLAIN ${candidates} RETURN count(*)`, statement!.params)).summary.plan as unknown as PlanNode;
      const seeks = operators(plan).filter((o) => /^Node(Unique)?IndexSeek/.test(o.operator) && index.test(o.details));
      expect(seeks, candidates).not.toEqual([]);
      expect(scans(plan).filter((s) => s.label === scanned), candidates).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it.each(Object.keys(INDEX_ORDERED))('%s reads the index in order rather than sorting the whole label', async (name) => {
    const { index } = INDEX_ORDERED[name]!;
    const [statement] = statements[name]!;
    const page = firstCandidateMatch(statement!.cypher, true);
    expect(page, statement!.cypher).toBeDefined();
    const session = graph.db.driver.session();
    try {
      const plan = (await session.run(`EXPLAIN ${page}`, statement!.params)).summary.plan as unknown as PlanNode;
      const all = operators(plan);
      expect(all.filter((o) => /^NodeIndex(Scan|Seek)/.test(o.operator) && index.test(o.details)), page).not.toEqual([]);
      expect(all.filter((o) => o.operator === 'Sort' || o.operator === 'Top').map((o) => `${o.operator} ${o.details}`), page).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it.each(Object.keys(FOLDED_SEEKS))('%s matches text in any case from the TEXT index on its lower-cased twin', async (name) => {
    const { label, index } = FOLDED_SEEKS[name]!;
    const { plan, candidates } = await candidatePlan(name, label);
    const seeks = operators(plan).filter((o) => /^NodeIndex(Seek|ContainsScan|EndsWithScan)/.test(o.operator) && index.test(o.details));
    expect(seeks, candidates).not.toEqual([]);
    expect(scans(plan).filter((s) => s.label === label), candidates).toEqual([]);
  });

  it('PledgesDueBy seeks pledges by target year through the index', async () => {
    const session = graph.db.driver.session();
    try {
      const ranged = statements.PledgesDueBy!.filter(({ cypher }) => /\w\.targetYear <= \$/.test(cypher));
      expect(ranged).not.toEqual([]);
      for (const { cypher, params } of ranged) {
        // The compiled read nests the candidate match in a COLLECT subquery inside an expression,
        // which Neo4j plans as a nested plan that EXPLAIN does not show: plan that match itself.
        const candidates = /COLLECT \{ (MATCH \(\w+:Pledge\) WHERE \w+\.targetYear <= \$\w+)/.exec(cypher)?.[1];
        expect(candidates, cypher).toBeDefined();
        const result = await session.run(`EXPLAIN ${candidates} RETURN count(*)`, params);
        const seeks = operators(result.summary.plan as unknown as PlanNode).filter(
          (o) => o.operator.startsWith('NodeIndexSeek') && /:Pledge\(targetYear\)/.test(o.details),
        );
        expect(seeks, cypher).not.toEqual([]);
      }
    } finally {
      await session.close();
    }
  });
});
