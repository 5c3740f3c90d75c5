import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { readConfig } from './src/config.js';
import { createContext } from './src/context.js';
import { connect } from './src/graphDatabase.js';
import { Database } from './src/neo4j/database.js';
import { createServer } from './src/server.js';
import { contractOperations } from './test/support/contract.js';
import { FLOOR, PICK_VARIABLES } from './bench/floor.cypher.js';

const only = process.argv[2];
const config = readConfig();
const graph = await connect({ ...config, queryTimeoutMs: 600_000 }, () => undefined);
const driver = graph.db.driver as Driver;
const [picked] = await graph.db.read(PICK_VARIABLES);
const variables: Record<string, Record<string, unknown>> = {
  ForeignCoBuilders: { province: picked!.province }, ForeignFirmsInProvince: { province: picked!.province },
  CompanyProfile: { id: picked!.company }, ProvinceOverview: { code: picked!.province }, ParkDetail: { id: picked!.park },
  PledgesDueBy: { year: 2030 }, Search: { text: 'Green Power' }, GraphStats: {},
};
const recorded: { cypher: string; params: Record<string, unknown> }[] = [];
const recDriver = new Proxy(driver, { get(t, p, r) {
  if (p === 'session') return (...a: Parameters<Driver['session']>) => { const s = t.session(...a); return new Proxy(s, { get(ss, pp, rr) {
    if (pp === 'executeRead') return (work: (tx: ManagedTransaction) => unknown, cfg?: unknown) => (ss.executeRead as any)((tx: ManagedTransaction) => work(new Proxy(tx, { get(tt, q, r3) { if (q === 'run') return (c: string, pr: Record<string, unknown>) => { recorded.push({ cypher: c, params: pr }); return tt.run(c, pr); }; const v = Reflect.get(tt, q, r3); return typeof v === 'function' ? v.bind(tt) : v; } })), cfg);
    const v = Reflect.get(ss, pp, rr); return typeof v === 'function' ? v.bind(ss) : v; } }); };
  const v = Reflect.get(t, p, r); return typeof v === 'function' ? v.bind(t) : v; } });
const db = new Database(recDriver as Driver, null, 600_000);
const server = await createServer({ db });
const hits = (plan: any): number => (plan.dbHits ?? 0) + (plan.children ?? []).reduce((a: number, c: any) => a + hits(c), 0);
async function profile(cypher: string, params: Record<string, unknown>) {
  const s = driver.session({ defaultAccessMode: neo4j.session.READ });
  try { const t = Date.now(); const r = await s.run(`PROFILE ${cypher}`, params); return { hits: hits(r.summary.profile), ms: Date.now() - t }; } finally { await s.close(); }
}
for (const [name, vars] of Object.entries(variables)) {
  if (only && name !== only) continue;
  recorded.length = 0;
  await server.apollo.executeOperation({ query: contractOperations[name]!, variables: vars }, { contextValue: createContext(db) });
  let api = 0; let apiMs = 0;
  for (const st of recorded) { await profile(st.cypher, st.params); const p = await profile(st.cypher, st.params); api += p.hits; apiMs += p.ms; if (only) console.log(st.cypher, JSON.stringify(st.params)); }
  const fp = { ...vars, first: neo4j.int(50), ...(name === 'PledgesDueBy' ? { year: neo4j.int(2030) } : {}) };
  await profile(FLOOR[name]!, fp); const f = await profile(FLOOR[name]!, fp);
  console.log(`${name}: api ${recorded.length} stmt ${api} hits ${apiMs} ms | floor ${f.hits} hits ${f.ms} ms`);
}
await server.close(); await graph.close();
