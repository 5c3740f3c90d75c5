import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, importFiles } from '../src/import/checkImport.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const EXAMPLES = join(import.meta.dirname, '..', 'seed', 'examples');
const read = (cypher: string, params: Record<string, unknown>) => graph.db.read(cypher, params);

/** Files with a problem of every kind the check knows, several of them across files. */
function troubledInput(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'gg-check-workers-'));
  const files = {
    'sources.w.csv': 'id,title\nw-source,Worker test source (example)\n',
    'companies.w.csv': [
      'id,name,country,parent,parentKind,source',
      'w-parent,Parent (example),DE,,,w-source',
      'w-child,Child (example),DE,w-parent,SUBSIDIARY,w-source',
      'Bad Id,Bad,DE,,,w-source',
      'w-nameless,,DE,,,w-source',
      'w-ghost-child,Ghost child (example),ZZ,w-ghost,SUBSIDIARY,w-source',
      'w-loop-a,Loop A (example),DE,w-loop-b,SUBSIDIARY,w-source',
      'w-loop-b,Loop B (example),DE,w-loop-a,SUBSIDIARY,w-source',
      'w-wide,Too,many,fields,here,w-source,extra',
      'w-parent,Parent again (example),DE,,,w-source',
      'w-quote,"Never closed (example),DE,,,w-source',
      'w-after,After the quote (example),DE,,,w-source',
    ].join('\n'),
    'parks.w.jsonl': [
      '\uFEFF' + JSON.stringify({ id: 'w-park', name: 'Park (example)', province: 'CN-HB', city: 'Wuhan', source: 'w-source' }),
      JSON.stringify({ id: 'w-child', name: 'A park with a company id (example)', province: 'CN-HB', source: 'w-source' }),
      '{not json',
      '[1, 2]',
      JSON.stringify({ id: 'w-park-2', name: 'Park 2 (example)', province: 'CN-HB', city: 'Nanjing', source: 'w-source', colour: 'green' }),
      JSON.stringify({ id: 'w-park-3', name: 'Park 3 (example)', province: 'CN-XX', source: 'w-source' }),
    ].join('\n'),
    'pledges.w.jsonl': [
      JSON.stringify({ id: 'w-pledge', pledger: 'w-child', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 2050, source: 'w-source' }),
      JSON.stringify({ id: 'w-pledge-2', pledger: 'w-park', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 3000, source: 'w-source' }),
      JSON.stringify({ id: 'w-pledge-3', pledger: 'w-nobody', kind: 'NET_ZERO', status: 'ANNOUNCED', source: 'w-missing-source' }),
      JSON.stringify({ id: 'w-source', pledger: 'w-child', kind: 'NET_ZERO', status: 'ANNOUNCED', source: 'w-source' }),
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // Bytes that are not UTF-8 stop a file with their line and column.
  writeFileSync(join(dir, 'facilities.w.csv'), Buffer.concat([Buffer.from('id,name,kind,province,operator,source\nw-plant,Plant (example),PLANT,CN-HB,w-child,w-source\nw-latin,M'), Buffer.from([0xfc]), Buffer.from('ller,PLANT,CN-HB,w-child,w-source\n')]));
  return [...Object.keys(files), 'facilities.w.csv'].map((f) => join(dir, f));
}

describe('checking an import in worker threads', { timeout: 120_000 }, () => {
  it('finds exactly the problems, counts and rows that checking in one thread finds', async () => {
    const { files } = importFiles(troubledInput());
    const inThread = await checkImport(files, read, { workers: 0 });
    const inWorkers = await checkImport(files, read, { workers: 2 });
    expect(inThread.problemCount).toBeGreaterThan(15);
    expect(inThread.problems.join('\n')).toMatch(/companies\.w\.csv:10: id: "w-parent" is already defined at .*companies\.w\.csv:2/);
    expect(inThread.problems.join('\n')).toMatch(/facilities\.w\.csv:3: column 10: the file is not UTF-8/);
    expect(inThread.problems.join('\n')).toMatch(/companies\.w\.csv:11: a quoted field that starts on this line is never closed/);
    expect(inWorkers).toEqual(inThread);
    // One worker takes the files one after another: the same again.
    expect(await checkImport(files, read, { workers: 1 })).toEqual(inThread);
  });

  it('counts the same unchanged rows of an earlier import', async () => {
    const { files } = importFiles(readdirSync(EXAMPLES).sort().map((f) => join(EXAMPLES, f)));
    const inThread = await checkImport(files, read, { workers: 0 });
    expect(inThread.problems).toEqual([]);
    expect(await checkImport(files, read, { workers: 2 })).toEqual(inThread);
  });

  it('fails, naming the file, when a file cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-check-workers-'));
    const file = join(dir, 'companies.dir.csv');
    // A directory where a file should be: the read fails inside the worker.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(file);
    const files = [{ file, kind: 'companies' as const }];
    const inThread = await checkImport(files, read, { workers: 0 }).catch((e: Error) => e.message);
    const inWorkers = await checkImport(files, read, { workers: 1 }).catch((e: Error) => e.message);
    expect(inThread).toMatch(/EISDIR/);
    expect(inWorkers).toBe(inThread);
  });
});
