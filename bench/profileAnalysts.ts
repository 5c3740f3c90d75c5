/**
 * `tsx bench/profileAnalysts.ts [--scale M] [--only ParksWithTargets,ForeignFirmsInProvince] [--time 50] [--query '{ pledges(first: 20) { nodes { id } } }' …]`
 *
 * PROFILEs the analysts' operations on the bench graph of a scale: the one
 * statement the API sends for each (captured as it runs in-process) beside
 * its hand-written floor (bench/floor.cypher.ts), and prints the database
 * hits and the rows of each, summed over the plan. Unlike timings, these
 * figures do not depend on how busy the machine is, so they say where an
 * API/floor ratio comes from on any machine. With --time, each statement is
 * also run that many times, API and floor alternating, and the medians
 * printed: the database's share of the ratio, without HTTP or GraphQL.
 * Each --query (a GraphQL query without variables) is PROFILEd the same
 * way, without a floor; with --query and no --only, only those run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { createContext } from '../src/context.js';
import { Database } from '../src/neo4j/database.js';
import { toParams } from '../src/neo4j/records.js';
import { projectRoot } from '../src/projectRoot.js';
import { createServer } from '../src/server.js';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';
import { prepareSyntheticGraph, scaleOf } from './benchApi.js';
import { ANALYST_FLOOR, FLOOR as CONTRACT_FLOOR, floorParamsOf } from './floor.cypher.js';

const { values: args } = parseArgs({
  options: { scale: { type: 'string', default: 'M' }, only: { type: 'string' }, time: { type: 'string', default: '0' }, query: { type: 'string', multiple: true }, ...DATABASE_OPTION },
});
const scale = scaleOf(args.scale);
const queries = args.query ?? [];
const only = args.only ? args.only.split(',') : queries.length ? [] : Object.keys(ANALYST_FLOOR);
const timedRuns = Number(args.time);
const log = (line: string) => console.error(`profile: ${line}`);

interface ProfiledPlan {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: ProfiledPlan[];
}

/** Database hits summed over the plan, and the rows its root produced and its busiest operator. */
function figures(plan: ProfiledPlan): { dbHits: number; maxRows: number } {
  const children = plan.children.map(figures);
  return {
    dbHits: plan.dbHits + children.reduce((sum, c) => sum + c.dbHits, 0),
    maxRows: Math.max(plan.rows, ...children.map((c) => c.maxRows)),
  };
}

// The analysts' operations, and the contract's by name with --only (both have floors).
const operations: Record<string, string> = Object.fromEntries(
  ['analysts.graphql', 'contract.graphql']
    .flatMap((file) => parse(readFileSync(join(projectRoot(), 'src', 'client', 'operations', file), 'utf8')).definitions).filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && only.includes(d.name!.value))
    .map((d) => [d.name!.value, print(d)]),
);
queries.forEach((query, i) => (operations[`query ${i + 1}`] = query));

// Every read the API sends, as it sends it: compiled reads run through Database.read.
const sent: { cypher: string; params: Record<string, unknown> }[] = [];
const read = Database.prototype.read;
Database.prototype.read = function (this: Database, cypher: string, params: Record<string, unknown> = {}) {
  sent.push({ cypher, params: toParams(params) as Record<string, unknown> });
  return read.call(this, cypher, params).catch((error: unknown) => {
    log(`${String(error)}\n${cypher}`);
    throw error;
  });
};

const graph = await connectBenchGraph('profile the analysts operations', { confirmedUri: args.database, queryTimeoutMs: 600_000, log });
try {
  const { variables } = await prepareSyntheticGraph(graph.db, scale, log);
  const server = await createServer({ db: graph.db });
  const session = graph.db.driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const rows: string[] = [
      `| operation | API db hits | API max rows | floor db hits | floor max rows |${timedRuns ? ' API statement ms | floor ms |' : ''}`,
      `|---|--:|--:|--:|--:|${timedRuns ? '--:|--:|' : ''}`,
    ];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const timed = async (cypher: string, params: Record<string, unknown>) => {
      const started = performance.now();
      await session.run(cypher, params);
      return performance.now() - started;
    };
    for (const [name, query] of Object.entries(operations)) {
      sent.length = 0;
      const response = await server.apollo.executeOperation({ query, variables: variables[name] ?? {} }, { contextValue: createContext(graph.db) });
      if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(`${name} failed: ${JSON.stringify(response.body)}`);
      if (sent.length !== 1) throw new Error(`${name} sent ${sent.length} statements, not one`);
      const [{ cypher, params }] = sent as [(typeof sent)[number]];
      if (process.env.PROFILE_PRINT) console.error(`-- ${name}\n${cypher}\n${JSON.stringify(params)}`);
      const floorParams = floorParamsOf(variables)[name] ?? {};
      const floorCypher = ANALYST_FLOOR[name] ?? CONTRACT_FLOOR[name];
      // Run each once unprofiled first, so that neither pays for planning in the figures.
      await session.run(cypher, params);
      if (floorCypher) await session.run(floorCypher, floorParams);
      const api = figures((await session.run(`PROFILE ${cypher}`, params)).summary.profile as unknown as ProfiledPlan);
      const floor = floorCypher ? figures((await session.run(`PROFILE ${floorCypher}`, floorParams)).summary.profile as unknown as ProfiledPlan) : null;
      const times = { api: [] as number[], floor: [] as number[] };
      for (let i = 0; i < timedRuns; i++) {
        times.api.push(await timed(cypher, params));
        if (floorCypher) times.floor.push(await timed(floorCypher, floorParams));
      }
      const ms = timedRuns ? ` ${median(times.api).toFixed(2)} | ${floorCypher ? median(times.floor).toFixed(2) : '–'} |` : '';
      const label = floorCypher ? name : `\`${query.replace(/\s+/g, ' ')}\``;
      rows.push(`| ${label} | ${api.dbHits} | ${api.maxRows} | ${floor?.dbHits ?? '–'} | ${floor?.maxRows ?? '–'} |${ms}`);
    }
    console.log(rows.join('\n'));
  } finally {
    await session.close();
    await server.close();
  }
} finally {
  await graph.close();
}
