/**
 * Facility.openedOn, when a facility started operating: written by
 * upsertFacility and by the import, read back, filtered and sorted by in
 * the analyst grammar, and exported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportGraph } from '../src/export/exportGraph.js';
import { nodeCsvWriter } from '../src/export/formats.js';
import { checkImport, importFiles } from '../src/import/checkImport.js';
import { writeImport } from '../src/import/importer.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);

async function editor(query: string, variables: Record<string, unknown>) {
  const { body } = await writers.post(query, variables, writers.keys.editor);
  return body as { data: any; errors?: any[] };
}

const UPSERT_COMPANY = `mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id } }`;
const UPSERT_FACILITY = `mutation($input: UpsertFacilityInput!) { upsertFacility(input: $input) { id openedOn } }`;
const FACILITIES = `query($where: FacilityWhere, $sort: [FacilitySort!]) {
  company(id: "opened-on-maker") { facilities(where: $where, sort: $sort) { id openedOn } } }`;

const plant = (id: string, openedOn?: string) => ({ id, name: `${id} (fictional)`, kind: 'PLANT', province: 'CN-HB', operator: 'opened-on-maker', source: { id: 'opened-on-report' }, ...(openedOn ? { openedOn } : {}) });

describe('a facility opened on', () => {
  it('is written by upsertFacility and read back', async () => {
    const company = await editor(UPSERT_COMPANY, { input: { id: 'opened-on-maker', name: 'Opened On Maker (fictional)', source: { new: { id: 'opened-on-report', title: 'Opened-on report (fictional)' } } } });
    expect(company.errors).toBeUndefined();
    const { data, errors } = await editor(UPSERT_FACILITY, { input: plant('opened-on-plant-a', '2019-06') });
    expect(errors).toBeUndefined();
    expect(data.upsertFacility).toEqual({ id: 'opened-on-plant-a', openedOn: '2019-06' });
  });

  it('is refused when it is no partial date', async () => {
    const { errors } = await editor(UPSERT_FACILITY, { input: plant('opened-on-plant-x', '2019-13') });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(errors)).toMatch(/openedOn/);
  });

  it('is written by the import, from a CSV column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opened-on-'));
    const file = join(dir, 'facilities.csv');
    writeFileSync(
      file,
      'id,name,kind,province,operator,openedOn,source\n' +
        'opened-on-plant-b,Plant B (fictional),FACTORY,CN-HB,opened-on-maker,2021,opened-on-report\n' +
        'opened-on-plant-c,Plant C (fictional),FACTORY,CN-HB,opened-on-maker,2016-03-01,opened-on-report\n',
    );
    const { files } = importFiles([file]);
    const { problems, rows } = await checkImport(files, (cypher, params) => graph.db.read(cypher, params));
    expect(problems).toEqual([]);
    await writeImport(graph.db, files, rows, { by: 'import' });
    const [row] = await graph.db.read(`MATCH (f:Facility {id: 'opened-on-plant-c'}) RETURN f.openedOn AS openedOn`);
    expect(row!.openedOn).toBe('2016-03-01');
  });

  it('filters and sorts facilities', async () => {
    const since2019 = await graph.execute(FACILITIES, { where: { openedOn: { gte: '2019' } }, sort: [{ openedOn: 'DESC' }] });
    expect(since2019.errors).toBeUndefined();
    expect(since2019.data!.company.facilities).toEqual([
      { id: 'opened-on-plant-b', openedOn: '2021' },
      { id: 'opened-on-plant-a', openedOn: '2019-06' },
    ]);
    const oldestFirst = await graph.execute(FACILITIES, { sort: [{ openedOn: 'ASC' }] });
    expect(oldestFirst.data!.company.facilities.map((f: { id: string }) => f.id)).toEqual(['opened-on-plant-c', 'opened-on-plant-a', 'opened-on-plant-b']);
  });

  it('is a column of the facilities export', async () => {
    let csv = '';
    await exportGraph(graph.db, nodeCsvWriter('Facility'), { nodeType: 'Facility' }, async (chunk) => {
      csv += chunk;
    });
    const [header, ...lines] = csv.trim().split('\n');
    const column = header!.split(',').indexOf('openedOn');
    expect(column).toBeGreaterThan(0);
    expect(lines.find((l) => l.startsWith('opened-on-plant-a,'))!.split(',')[column]).toBe('2019-06');
  });
});
