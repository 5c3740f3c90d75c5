import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportKind } from '../domains.js';
import { readImportFile, type ReadItem } from './readImportFile.js';
import { utf8Guard } from './utf8Guard.js';

const dir = mkdtempSync(join(tmpdir(), 'gg-read-'));

async function read(name: string, content: string | Buffer, kind: ImportKind = 'companies'): Promise<ReadItem[]> {
  const file = join(dir, name);
  writeFileSync(file, content);
  const items: ReadItem[] = [];
  for await (const item of readImportFile(file, kind)) items.push(item);
  return items;
}

const HEADER = 'id,name,source\n';

describe('reading an import file', () => {
  it('refuses a Latin-1 file, naming the line and column of the first byte that is not UTF-8', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}ok,Ok,s\nmuller,M`), Buffer.from([0xfc]), Buffer.from('ller Energie GmbH,s\n')]);
    const items = await read('companies.latin1.csv', latin1);
    expect(items.at(-1)).toEqual({ line: 3, problem: expect.stringMatching(/^column 9: the file is not UTF-8 .*save it as UTF-8/) });
    const jsonl = Buffer.concat([Buffer.from('{"id": "a"}\n{"id": "M'), Buffer.from([0xfc]), Buffer.from('"}\n')]);
    expect((await read('companies.latin1.jsonl', jsonl)).at(-1)).toEqual({ line: 2, problem: expect.stringMatching(/^column 10: .*UTF-8/) });
  });

  it('finds a bad byte past a multi-byte character split across chunks', async () => {
    const guard = utf8Guard();
    const seen: Buffer[] = [];
    guard.on('data', (b: Buffer) => seen.push(b));
    const failed = new Promise<Error>((resolve) => guard.on('error', resolve));
    const text = Buffer.from('a\n湖北');
    guard.write(text.subarray(0, 4));
    guard.write(Buffer.concat([text.subarray(4), Buffer.from([0xff])]));
    expect((await failed).message).toMatch(/^column 3:/);
    expect(Buffer.concat(seen).toString()).toBe('a\n湖北');
  });

  it('accepts a byte order mark in CSV and in JSON Lines', async () => {
    expect(await read('companies.bom.csv', `\uFEFF${HEADER}a,A,s\n`)).toEqual([{ line: 2, raw: { id: 'a', name: 'A', source: 's' } }]);
    expect(await read('companies.bom.jsonl', '\uFEFF{"id": "a"}\r\n{"id": "b"}')).toEqual([
      { line: 1, raw: { id: 'a' } },
      { line: 2, raw: { id: 'b' } },
    ]);
  });

  it('reports an unclosed quote on its line and goes on checking the lines after it', async () => {
    const items = await read('companies.quote.csv', `${HEADER}a,A,s\nb,"B,s\nc,C,s\nd,D,s\n`);
    expect(items).toEqual([
      { line: 2, raw: { id: 'a', name: 'A', source: 's' } },
      { line: 3, problem: expect.stringMatching(/quoted field that starts on this line is never closed/) },
      { line: 4, raw: { id: 'c', name: 'C', source: 's' } },
      { line: 5, raw: { id: 'd', name: 'D', source: 's' } },
    ]);
  });

  it('reports a stray quote and a short row with their lines and reads on', async () => {
    const items = await read('companies.stray.csv', `${HEADER}a,A"x,s\nb,B\nc,"C\nand more",s\nd,D,s\n`);
    expect(items.map((i) => [i.line, i.problem ? 'problem' : i.raw!.id])).toEqual([
      [2, 'problem'],
      [3, 'problem'],
      [4, 'c'],
      [6, 'd'],
    ]);
  });

  it('reads nothing but the header of a header-only file', async () => {
    expect(await read('companies.empty.csv', HEADER)).toEqual([]);
    expect(await read('companies.empty.jsonl', '')).toEqual([]);
  });
});
