/**
 * The import bench's same-graph floor: the nodes and relationships that the
 * import of bench/importRows.ts leaves in the graph, written with plain
 * `UNWIND … CREATE` in transactions of the import's batch size, kind by kind
 * in the import's order, with none of its work besides (no checks, locks,
 * MERGE, stamps, row hashes, folded text, derived data or change log).
 * Relationship ends are found by id or code through the same indexes the
 * import uses; RECORDED_IN links to an import record, and the derived
 * ACTIVE_IN relationships are written once at the end. Its ids start with
 * `bench-floor-`; every node it makes is labelled BenchFloor (removeImportFloor).
 */
import type { Database } from '../src/neo4j/database.js';
import { benchRows, planRows, type RowPlan } from './importRows.js';

export const FLOOR_PREFIX = 'bench-floor-';
const SOURCE = `${FLOOR_PREFIX}source`;
const IMPORT = `${FLOOR_PREFIX}import`;

/** Each relationship carries what the import's carries: its sources. */
const link = (from: string, type: string, to: string, props = '') => `CREATE (${from})-[:${type} {sources: [$source]${props}}]->(${to})`;

const node = (label: string) => `CREATE (n:Entity:${label}:BenchFloor {id: s.id}) SET n += s.props
CREATE (n)-[:SOURCED_FROM]->(src)
CREATE (n)-[:RECORDED_IN]->(imp)`;

const STATEMENTS = {
  companies: `MATCH (src:Entity {id: $source}), (imp:BenchFloor:Import {id: $import})
UNWIND $rows AS s
MATCH (country:Country {code: s.country})
${node('Company')}
${link('n', 'HEADQUARTERED_IN', 'country')}`,
  parents: `UNWIND $rows AS s
MATCH (n:Entity {id: s.company}), (p:Entity {id: s.parent})
${link('n', 'SUBSIDIARY_OF', 'p', ", kind: 'SUBSIDIARY', sharePercent: 100.0")}`,
  parks: `MATCH (src:Entity {id: $source}), (imp:BenchFloor:Import {id: $import})
UNWIND $rows AS s
MATCH (province:Province {code: s.province}), (city:Entity {id: s.cityId})
${node('Park')}
${link('n', 'LOCATED_IN', 'province')}
${link('n', 'IN_CITY', 'city')}`,
  facilities: `MATCH (src:Entity {id: $source}), (imp:BenchFloor:Import {id: $import})
UNWIND $rows AS s
MATCH (province:Province {code: s.province}), (city:Entity {id: s.cityId}), (operator:Entity {id: s.operator})
OPTIONAL MATCH (park:Entity {id: s.park})
${node('Facility')}
${link('n', 'LOCATED_IN', 'province')}
${link('n', 'IN_CITY', 'city')}
${link('operator', 'OPERATES', 'n')}
FOREACH (p IN CASE WHEN park IS NULL THEN [] ELSE [park] END | ${link('n', 'IN_PARK', 'p')})`,
  pledges: `MATCH (src:Entity {id: $source}), (imp:BenchFloor:Import {id: $import})
UNWIND $rows AS s
MATCH (pledger:Entity {id: s.pledger})
${node('Pledge')}
${link('pledger', 'PLEDGED', 'n')}
CREATE (n)-[:HAS_VERSION]->(:PledgeVersion:BenchFloor {pledgeId: s.id, kind: s.props.kind, status: s.props.status, targetYear: s.props.targetYear, sources: [$source]})`,
  partnerships: `MATCH (src:Entity {id: $source}), (imp:BenchFloor:Import {id: $import})
UNWIND $rows AS s
MATCH (park:Entity {id: s.park}), (pledge:Entity {id: s.pledge})
${node('Partnership')}
${link('n', 'CONCERNS', 'park')}
${link('n', 'CONTRIBUTES_TO', 'pledge')}
WITH n, s
UNWIND s.participants AS x
MATCH (c:Entity {id: x.company})
${link('c', 'PARTICIPATES_IN', 'n', ', role: x.role')}`,
  // Derived data, once at the end as a fresh graph needs it: each company is active in the provinces of the
  // facilities it operates and of the parks its partnerships concern.
  activity: `UNWIND $rows AS id
MATCH (c:Entity {id: id})
CALL (c) {
  MATCH (c)-[:OPERATES]->(:Facility)-[:LOCATED_IN]->(p:Province) RETURN p
  UNION
  MATCH (c)-[:PARTICIPATES_IN]->(:Partnership)-[:CONCERNS]->(:Park)-[:LOCATED_IN]->(p:Province) RETURN p
}
CREATE (c)-[:ACTIVE_IN]->(p)`,
} as const;
type FloorKind = keyof typeof STATEMENTS;

/** The floor's rows of each kind, in the import's order, as the statements above take them. */
function* floorRows(plan: RowPlan, textBytes: number, cityIds: Map<string, string>): Generator<[FloorKind, unknown]> {
  const rows = benchRows(plan, FLOOR_PREFIX, textBytes);
  const city = (name: string, province: string) => cityIds.get(`${province} ${name}`);
  for (const c of rows.companies()) yield ['companies', { id: c.id, country: c.country, props: { name: c.name, aliases: [c.alias], sector: c.sector } }];
  for (const c of rows.companies()) if (c.parent) yield ['parents', { company: c.id, parent: c.parent }];
  for (const p of rows.parks()) yield ['parks', { id: p.id, province: p.province, cityId: city(p.city, p.province), props: { name: p.name, status: p.status, city: p.city } }];
  for (const f of rows.facilities(false)) {
    const props = { name: f.name, kind: f.kind, description: f.description, products: f.products, city: f.city };
    yield ['facilities', { id: f.id, province: f.province, cityId: city(f.city, f.province), park: f.park, operator: f.operator, props }];
  }
  for (const p of rows.pledges()) yield ['pledges', { id: p.id, pledger: p.pledger, props: { kind: p.kind, status: p.status, targetYear: p.targetYear } }];
  for (const p of rows.partnerships()) {
    const props = { kind: p.kind, title: p.title, description: p.description, status: p.status, startedOn: p.startedOn, unnamedRoles: [p.unnamed.role], unnamedDescriptions: [p.unnamed.description] };
    yield ['partnerships', { id: p.id, participants: p.participants, park: p.park, pledge: p.pledge, props }];
  }
  for (const c of rows.companies()) yield ['activity', c.id];
}

/**
 * Writes the floor for `totalRows` bench rows in transactions of `batchSize`
 * (one kind per transaction, as the import's batches are); returns the rows
 * and rows/s of the whole write, derived data included.
 */
export async function writeImportFloor(db: Database, totalRows: number, textBytes: number, batchSize: number): Promise<{ rows: number; rowsPerSecond: number }> {
  const cityIds = new Map((await db.read(`MATCH (c:City)-[:PART_OF]->(p:Province) RETURN p.code + ' ' + c.name AS key, c.id AS id`)).map((r) => [r.key as string, r.id as string]));
  await db.write(
    `CREATE (imp:Import:BenchFloor {id: $import})
     CREATE (:Entity:Source:BenchFloor {id: $source, title: 'Import bench floor (fictional)'})-[:RECORDED_IN]->(imp)`,
    { source: SOURCE, import: IMPORT },
  );
  let rows = 0;
  let batch: unknown[] = [];
  let kind: FloorKind | null = null;
  const started = Date.now();
  const flush = async () => {
    if (kind && batch.length) await db.write(STATEMENTS[kind], { rows: batch, source: SOURCE, import: IMPORT });
    if (kind !== 'activity') rows += batch.length;
    batch = [];
  };
  for (const [rowKind, row] of floorRows(planRows(totalRows), textBytes, cityIds)) {
    if (rowKind !== kind || batch.length >= batchSize) await flush();
    kind = rowKind;
    batch.push(row);
  }
  await flush();
  return { rows, rowsPerSecond: rows / ((Date.now() - started) / 1000) };
}

/** Removes the floor: every node labelled BenchFloor (its entities, versions, source and import record). */
export async function removeImportFloor(db: Database): Promise<void> {
  for (;;) {
    const [row] = await db.write(`MATCH (n:BenchFloor) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`);
    if (!row || Number(row.n) === 0) return;
  }
}

/** Nodes by label and relationships by type below the nodes whose ids start with `prefix` (source and versions included): to show the floor wrote what the import did. */
export async function graphShape(db: Database, prefix: string): Promise<Record<string, number>> {
  const rows = await db.read(
    `
MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
CALL (n) {
  OPTIONAL MATCH (n)-[r]->(m)
  RETURN collect(type(r)) AS types, collect(CASE WHEN m:PledgeVersion THEN 'PledgeVersion' END) AS versions
}
WITH [l IN labels(n) WHERE NOT l IN ['Entity', 'BenchFloor', 'BenchCopy']][0] AS label, types, versions
UNWIND [label] + types + versions AS key
RETURN key, count(*) AS n ORDER BY key`,
    { prefix },
  );
  return Object.fromEntries(rows.map((r) => [r.key as string, Number(r.n)]));
}
