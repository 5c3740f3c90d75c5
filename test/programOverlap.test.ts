/**
 * A second program (seed/datasets/overlap-miit-green-industrial-parks/:
 * MIIT's green industrial parks, as far as pages name parks that are also on
 * the national zero-carbon list), imported after the national list as
 * `npm start` imports it, and the question it answers: the parks of one
 * program that are also on another.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetFiles, importDataset } from '../src/import/importDataset.js';
import { GREEN_PARKS_DIR, NATIONAL_LIST_DIR } from '../src/program/generateNationalList.js';
import { retractImport } from '../src/provenance/retract.js';
import { currentCounts } from './support/currentCounts.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const NATIONAL = 'national-zero-carbon-park-list';
const GREEN = 'miit-green-industrial-parks';

const records = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

let nationalCounts: Record<string, number>;
let importId: string;

beforeAll(async () => {
  await importDataset(graph.db, NATIONAL_LIST_DIR, 'test');
  nationalCounts = await currentCounts(graph.db);
  importId = (await importDataset(graph.db, GREEN_PARKS_DIR, 'test')).id;
}, 120_000);

describe('the MIIT green industrial parks dataset', () => {
  it('cites, in every record, a page with a URL', () => {
    const files = datasetFiles(GREEN_PARKS_DIR);
    const sources = new Map(records(files.find((f) => f.endsWith('sources.jsonl'))!).map((s) => [s.id as string, s]));
    for (const file of files.filter((f) => !f.endsWith('sources.jsonl'))) {
      for (const record of records(file)) expect(sources.get(record.source as string)?.url, `${file}: ${String(record.id)}`).toMatch(/^https?:\/\//);
    }
  });

  it('designates, batch by batch, parks the national list holds already, adding none', async () => {
    const { data, errors } = await graph.execute(`{ program(id: "${GREEN}") { kind documentNumber designations { park { id } status batch on } } }`);
    expect(errors).toBeUndefined();
    expect(data!.program).toEqual({
      kind: 'MINISTERIAL_LIST',
      documentNumber: '工信厅节函[2017]491',
      designations: [
        { park: { id: 'beijing-jingji-jishu-kaifaqu' }, status: 'LISTED', batch: 3, on: '2018-11-06' },
        { park: { id: 'tianjin-jingji-jishu-kaifaqu' }, status: 'LISTED', batch: 1, on: '2017-08-23' },
      ],
    });
  });
});

describe('questions two programs answer', () => {
  it('the parks of one program that are also on another', async () => {
    const { data, errors } = await graph.execute(`{
      parks(where: { AND: [{ program: "${NATIONAL}" }, { program: "${GREEN}" }] }) {
        totalCount
        nodes { localName province { code } designations { program { id } batch on } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.parks).toEqual({
      totalCount: 2,
      nodes: [
        {
          localName: '北京经济技术开发区',
          province: { code: 'CN-BJ' },
          designations: [
            { program: { id: GREEN }, batch: 3, on: '2018-11-06' },
            { program: { id: NATIONAL }, batch: 1, on: '2025-12-26' },
          ],
        },
        {
          localName: '天津经济技术开发区',
          province: { code: 'CN-TJ' },
          designations: [
            { program: { id: GREEN }, batch: 1, on: '2017-08-23' },
            { program: { id: NATIONAL }, batch: 1, on: '2025-12-26' },
          ],
        },
      ],
    });
  });

  it('the same, from one program: its parks connection takes the park filter grammar', async () => {
    const { data, errors } = await graph.execute(`{
      program(id: "${GREEN}") {
        parks(where: { program: "${NATIONAL}" }, sort: [{ name: DESC }]) { totalCount nodes { id } }
        notNational: parks(where: { NOT: { program: "${NATIONAL}" } }) { totalCount }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.program).toEqual({
      parks: { totalCount: 2, nodes: [{ id: 'tianjin-jingji-jishu-kaifaqu' }, { id: 'beijing-jingji-jishu-kaifaqu' }] },
      notNational: { totalCount: 0 },
    });
  });
});

describe('retracting the dataset', () => {
  it('leaves the graph as the national list made it, count for count', async () => {
    expect(await currentCounts(graph.db)).not.toEqual(nationalCounts);
    await retractImport(graph.db, importId, { by: 'test', reason: 'the dataset retracts as one import' });
    expect(await currentCounts(graph.db)).toEqual(nationalCounts);
  }, 120_000);
});
