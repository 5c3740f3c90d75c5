/**
 * Programs and designations: written through the mutations, read back with
 * their history, and used as park filters.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, importFiles } from '../src/import/checkImport.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);

async function editor(query: string, variables: Record<string, unknown>) {
  const { body } = await writers.post(query, variables, writers.keys.editor);
  return body as { data: any; errors?: any[] };
}

const RECORD_PROGRAM = `mutation($input: RecordProgramInput!) { recordProgram(input: $input) {
  id name localName kind issuingBodies issuedOn documentNumber url sources { id } } }`;
const RECORD_DESIGNATION = `mutation($input: RecordDesignationInput!) { recordDesignation(input: $input) {
  id status batch on park { id } program { id } sources { id }
  history { status batch on validTo sourceIds } } }`;

const PROGRAM = {
  id: 'test-zero-carbon-list',
  name: 'Test zero-carbon park list (fictional)',
  localName: '测试零碳园区名单',
  kind: 'NATIONAL_LIST',
  issuingBodies: ['Test Commission'],
  issuedOn: '2025-12-26',
  documentNumber: '测〔2025〕1号',
  source: { new: { id: 'test-list-notice', title: 'Test list notice (fictional)', publishedOn: '2025-12-26' } },
};
const DESIGNATION = {
  id: 'test-zero-carbon-list-sino-german',
  park: 'sino-german-park-shenyang',
  program: PROGRAM.id,
  status: 'LISTED',
  batch: 1,
  on: '2025-12-26',
  source: { id: 'test-list-notice' },
};

describe('programs and designations', () => {
  it('records a program with its issuing bodies and document number', async () => {
    const { data, errors } = await editor(RECORD_PROGRAM, { input: PROGRAM });
    expect(errors).toBeUndefined();
    expect(data.recordProgram).toEqual({
      id: PROGRAM.id,
      name: PROGRAM.name,
      localName: '测试零碳园区名单',
      kind: 'NATIONAL_LIST',
      issuingBodies: ['Test Commission'],
      issuedOn: '2025-12-26',
      documentNumber: '测〔2025〕1号',
      url: null,
      sources: [{ id: 'test-list-notice' }],
    });
  });

  it('records a designation, then keeps its earlier terms in history when the status changes', async () => {
    const first = await editor(RECORD_DESIGNATION, { input: DESIGNATION });
    expect(first.errors).toBeUndefined();
    expect(first.data.recordDesignation.history).toEqual([{ status: 'LISTED', batch: 1, on: '2025-12-26', validTo: null, sourceIds: ['test-list-notice'] }]);

    const accepted = await editor(RECORD_DESIGNATION, {
      input: { ...DESIGNATION, status: 'ACCEPTED', on: '2027-12', source: { new: { id: 'test-acceptance', title: 'Test acceptance (fictional)' } } },
    });
    expect(accepted.errors).toBeUndefined();
    const history = accepted.data.recordDesignation.history;
    expect(history.map((v: { status: string }) => v.status)).toEqual(['LISTED', 'ACCEPTED']);
    expect(history[0].validTo).not.toBeNull();
    expect(history[1]).toMatchObject({ on: '2027-12', validTo: null, sourceIds: ['test-acceptance'] });
    expect(accepted.data.recordDesignation.sources.map((s: { id: string }) => s.id).sort()).toEqual(['test-acceptance', 'test-list-notice']);
  });

  it('refuses to move a designation back to LISTED, writing nothing', async () => {
    const { data, errors } = await editor(RECORD_DESIGNATION, { input: { ...DESIGNATION, status: 'LISTED', on: '2028' } });
    expect(data).toBeNull();
    expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors![0].message).toContain('is ACCEPTED; it can move to WITHDRAWN, not back to LISTED');
    const [row] = await graph.db.read(`MATCH (d:Designation {id: $id}) RETURN d.status AS status, d.on AS on`, { id: DESIGNATION.id });
    expect(row).toEqual({ status: 'ACCEPTED', on: '2027-12' });
  });

  it('refuses, in an import file, a designation moving back to LISTED, naming its file and line and the rule', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'greengraph-designations-')), 'designations.jsonl');
    const back = { ...DESIGNATION, status: 'LISTED', on: '2028', source: 'test-list-notice' };
    writeFileSync(file, `${JSON.stringify(back)}\n`);
    const { files } = importFiles([file]);
    const checked = await checkImport(files, (cypher, params) => graph.db.read(cypher, params), { workers: 0 });
    expect(checked.problems).toEqual([
      `${file}:1: status: The designation "${DESIGNATION.id}" is ACCEPTED; it can move to WITHDRAWN, not back to LISTED (a status moves one way, LISTED to ACCEPTED or WITHDRAWN; a park listed again gets a new designation).`,
    ]);
  });

  it('reads a program with its parks as a connection and a park with its designations', async () => {
    const { data, errors } = await graph.execute(`{
      program(id: "${PROGRAM.id}") { name parks(first: 5) { totalCount nodes { id } } designations { id status } }
      programs { totalCount nodes { id } }
      park(id: "sino-german-park-shenyang") { designations { program { id } status batch on sources { id } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.program.parks).toEqual({ totalCount: 1, nodes: [{ id: 'sino-german-park-shenyang' }] });
    expect(data!.program.designations).toEqual([{ id: DESIGNATION.id, status: 'ACCEPTED' }]);
    expect(data!.programs.nodes).toContainEqual({ id: PROGRAM.id });
    expect(data!.park.designations).toEqual([
      { program: { id: PROGRAM.id }, status: 'ACCEPTED', batch: 1, on: '2027-12', sources: expect.any(Array) },
    ]);
  });

  it('filters parks by program, designation status and year', async () => {
    const ids = async (where: string) => {
      const { data, errors } = await graph.execute(`{ parks(where: ${where}) { nodes { id } } }`);
      expect(errors).toBeUndefined();
      return data!.parks.nodes.map((n: { id: string }) => n.id);
    };
    expect(await ids(`{ program: "${PROGRAM.id}" }`)).toEqual(['sino-german-park-shenyang']);
    expect(await ids(`{ program: "${PROGRAM.id}", designationStatus: ACCEPTED, designatedIn: 2027 }`)).toEqual(['sino-german-park-shenyang']);
    expect(await ids(`{ program: "${PROGRAM.id}", designationStatus: LISTED }`)).toEqual([]);
    expect(await ids(`{ designatedIn: 2025 }`)).toEqual([]);
    expect(await ids(`{ program: "no-such-program" }`)).toEqual([]);
  });

  it('refuses a designation of an unknown park, under a non-program or with a bad batch, writing nothing', async () => {
    const refused = async (input: Record<string, unknown>, expected: string) => {
      const { data, errors } = await editor(RECORD_DESIGNATION, { input: { ...DESIGNATION, id: 'test-bad-designation', ...input } });
      expect(data).toBeNull();
      expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(errors![0])).toContain(expected);
    };
    await refused({ park: 'no-such-park' }, 'no-such-park');
    await refused({ program: 'bmw-group' }, 'bmw-group');
    await refused({ batch: 0 }, 'must be a whole number from 1 to 1000');
    const [row] = await graph.db.read(`MATCH (n:Entity {id: 'test-bad-designation'}) RETURN count(n) AS n`);
    expect(row!.n).toBe(0);
  });
});
