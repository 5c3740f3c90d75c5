/**
 * The first national zero-carbon park list as data
 * (seed/datasets/national-zero-carbon-parks-2025/), imported on top of the
 * seed as `npm start` imports it: every record sourced, the questions it
 * answers, and retraction as one import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetFiles, importDataset } from '../src/import/importDataset.js';
import { retractImport } from '../src/provenance/retract.js';
import { NATIONAL_LIST_DIR } from '../src/program/generateNationalList.js';
import { currentCounts } from './support/currentCounts.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const PROGRAM = 'national-zero-carbon-park-list';

const records = (file: string): Record<string, unknown>[] =>
  readFileSync(join(NATIONAL_LIST_DIR, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

let seedCounts: Record<string, number>;
let importId: string;

beforeAll(async () => {
  seedCounts = await currentCounts(graph.db);
  importId = (await importDataset(graph.db, NATIONAL_LIST_DIR, 'test')).id;
}, 120_000);

describe('the national zero-carbon park list dataset', () => {
  it('cites, in every record, a page with a URL, and gives every park a province', async () => {
    const sources = new Map(records('sources.jsonl').map((s) => [s.id as string, s]));
    for (const file of datasetFiles(NATIONAL_LIST_DIR).filter((f) => !f.endsWith('sources.jsonl'))) {
      for (const record of records(file.split('/').pop()!)) {
        expect(sources.get(record.source as string)?.url, `${file}: ${String(record.id)}`).toMatch(/^https?:\/\//);
      }
    }
    const rows = await graph.db.read(`
      MATCH (n:Entity)-[:RECORDED_IN]->(:Import {id: $id})
      RETURN n.id AS id, labels(n) AS labels,
        [(n)-[:SOURCED_FROM]->(s:Source) | s.url] AS urls,
        CASE WHEN n:Park THEN [(n)-[:LOCATED_IN]->(p:Province) | p.code] END AS provinces`,
      { id: importId },
    );
    expect(rows.length).toBe(records('sources.jsonl').length + records('programs.jsonl').length + records('parks.jsonl').length + records('designations.jsonl').length);
    for (const row of rows) {
      if ((row.labels as string[]).includes('Source')) continue;
      expect((row.urls as (string | null)[]).some((url) => url?.startsWith('http')), String(row.id)).toBe(true);
      if ((row.labels as string[]).includes('Park')) expect(row.provinces, String(row.id)).toHaveLength(1);
    }
  });

  it('links the seed\'s Sino-German park to the list on the word of a page that says it is on it', async () => {
    const { data, errors } = await graph.execute(`{ park(id: "sino-german-park-shenyang") { designations { program { id } status batch on sources { publisher url } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.park.designations).toEqual([
      { program: { id: PROGRAM }, status: 'LISTED', batch: 1, on: '2025-12-26', sources: [expect.objectContaining({ url: 'http://www.cisceindiaresults.com/cj/jjgc/2026-01-09/1829621.html' })] },
    ]);
  });
});

describe('questions the list answers', () => {
  it('national pilot parks per province, with counts', async () => {
    const { data, errors } = await graph.execute(`{ program(id: "${PROGRAM}") { parks { totalCount } parksByProvince { province { code } parkCount } } }`);
    expect(errors).toBeUndefined();
    expect(data!.program.parks.totalCount).toBe(19);
    const counts = Object.fromEntries(data!.program.parksByProvince.map((p: { province: { code: string }; parkCount: number }) => [p.province.code, p.parkCount]));
    expect(counts).toEqual({
      'CN-HE': 3, 'CN-GD': 2, 'CN-AH': 1, 'CN-BJ': 1, 'CN-CQ': 1, 'CN-FJ': 1, 'CN-HB': 1, 'CN-HI': 1,
      'CN-HN': 1, 'CN-JS': 1, 'CN-LN': 1, 'CN-NM': 1, 'CN-SC': 1, 'CN-SH': 1, 'CN-TJ': 1, 'CN-ZJ': 1,
    });
    expect(data!.program.parksByProvince.slice(0, 2).map((p: { province: { code: string } }) => p.province.code)).toEqual(['CN-HE', 'CN-GD']);
  });

  it('the pilot parks of a province and the companies active in them', async () => {
    const parksOf = async (province: string) => {
      const { data, errors } = await graph.execute(`{ parks(where: { province: "${province}", program: "${PROGRAM}" }) { nodes { id localName companies { name } } } }`);
      expect(errors).toBeUndefined();
      return data!.parks.nodes;
    };
    expect(await parksOf('CN-LN')).toEqual([{ id: 'sino-german-park-shenyang', localName: null, companies: [{ name: 'BMW Brilliance Automotive' }] }]);
    expect((await parksOf('CN-HE')).map((p: { localName: string }) => p.localName)).toEqual(['河北保定高新技术产业开发区', '河北沧州沧东经济开发区', '河北唐山乐亭经济开发区']);
  });

  it('foreign firms active in any pilot park', async () => {
    const { data, errors } = await graph.execute(`{ program(id: "${PROGRAM}") { companies(foreign: true) { totalCount nodes { name foreign } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.program.companies).toEqual({ totalCount: 1, nodes: [{ name: 'BMW Brilliance Automotive', foreign: true }] });
  });
});

describe('exports', () => {
  it('carry the program, the designations and their links, and the quotes on the source links', async () => {
    const base = `http://127.0.0.1:${await graph.server.listen(0)}`;
    const { nodes, links } = (await (await fetch(`${base}/export/graph.json?provenance=true`)).json()) as { nodes: any[]; links: any[] };
    expect(nodes.filter((n) => n.type === 'Program').map((n) => n.id)).toEqual([PROGRAM]);
    expect(nodes.filter((n) => n.type === 'Designation')).toHaveLength(19);
    expect(links.filter((l) => l.type === 'DESIGNATES')).toHaveLength(19);
    expect(links).toContainEqual(expect.objectContaining({ source: `${PROGRAM}-sino-german-park-shenyang`, target: PROGRAM, type: 'UNDER' }));
    expect(links).toContainEqual(
      expect.objectContaining({ source: `${PROGRAM}-sino-german-park-shenyang`, target: 'chinanews-2026-01-09-zhongde', type: 'SOURCED_FROM', quote: expect.stringContaining('中德園成功入選') }),
    );
    const csv = await (await fetch(`${base}/export/program.csv`)).text();
    expect(csv).toContain('发改办环资〔2025〕1082号');
  });
});

describe('retracting the dataset', () => {
  it('leaves the graph as the seed made it, count for count', async () => {
    expect(await currentCounts(graph.db)).not.toEqual(seedCounts);
    await retractImport(graph.db, importId, { by: 'test', reason: 'goal: the dataset retracts as one import' });
    expect(await currentCounts(graph.db)).toEqual(seedCounts);
  }, 120_000);
});
