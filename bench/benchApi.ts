/**
 * What the read benches share: the synthetic graph of a scale (generated,
 * or reused when one of that size is already there), the variables of the
 * ten contract operations on it, and the API started as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Database } from '../src/neo4j/database.js';
import { migrate } from '../src/neo4j/migrations.js';
import { projectRoot } from '../src/projectRoot.js';
import { applySeed } from '../src/seed/seedGraph.js';
import { SCALES, type ScaleName } from '../src/synthetic/syntheticGraph.js';
import { writeSyntheticGraph } from '../src/synthetic/writeSynthetic.js';
import { PICK_VARIABLES, SYNTHETIC_COMPANIES } from './floor.cypher.js';

/** The scale named by --scale, or an error naming the scales. */
export function scaleOf(raw: string): ScaleName {
  const scale = raw.toUpperCase() as ScaleName;
  if (!(scale in SCALES)) throw new Error(`--scale must be S, M or L, but got: ${raw}`);
  return scale;
}

/**
 * Migrates, seeds and generates the synthetic graph of `scale` unless one of
 * that size, written by the writer, is there; returns how it was made and the contract operations'
 * variables on it (the busiest province, company and park).
 */
export async function prepareSyntheticGraph(
  db: Database,
  scale: ScaleName,
  log: (line: string) => void,
): Promise<{ generation: { seconds: number; nodes: number; relationships: number } | 'reused'; variables: Record<string, Record<string, unknown>> }> {
  await migrate(db);
  await applySeed(db);
  const companies = SCALES[scale];
  const [existing] = await db.read(SYNTHETIC_COMPANIES);
  let generation: { seconds: number; nodes: number; relationships: number } | 'reused';
  if (existing?.companies === companies && existing.written === true) {
    generation = 'reused';
    log(`reusing the synthetic graph of ${companies} companies already in the database`);
  } else {
    generation = await writeSyntheticGraph(db, companies, 42, log);
  }
  const [picked] = await db.read(PICK_VARIABLES);
  const variables: Record<string, Record<string, unknown>> = {
    ForeignCoBuilders: { province: picked!.province },
    ForeignFirmsInProvince: { province: picked!.province },
    CompanyProfile: { id: picked!.company },
    ProvinceOverview: { code: picked!.province },
    ParkDetail: { id: picked!.park },
    PledgesDueBy: { year: 2030 },
    Search: { text: 'Green Power' },
    HowConnected: { from: picked!.company, to: picked!.farCompany },
    Neighborhood: { id: picked!.park },
    GraphStats: {},
    // The analysts' questions (src/client/operations/analysts.graphql), asked where the graph has answers.
    PledgedCompanies: { sector: 'batter', year: 2050 },
    ForeignLedPartnerships: { since: '2024' },
    ParksWithTargets: { provinceA: picked!.province, provinceB: 'CN-HB', year: 2035 },
    ParentGroups: { name: 'green' },
    DomesticPartnersOfForeignFirms: {},
    PledgeWindow: { from: 2027, to: 2035 },
  };
  return { generation, variables };
}

/** Starts the API (`src/main.ts`) on `port` against `neo4jUri`, with `env` added; resolves once /ready says 200. */
export async function startApi(neo4jUri: string, port: number, env: Record<string, string> = {}, root = projectRoot()): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NEO4J_URI: neo4jUri,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: '',
      PORT: String(port),
      GREENGRAPH_SEED_ON_START: 'false',
      GREENGRAPH_LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status, () => 0);
    if (ready === 200) return child;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('the API did not become ready within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops an API child with SIGTERM (it drains and closes) and waits for it to exit. */
export async function stopApi(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
