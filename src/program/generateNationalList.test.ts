import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GREEN_PARKS_DIR, NATIONAL_LIST_DIR, nationalListFiles, readFindings } from './generateNationalList.js';

describe('the national list import files', () => {
  const files = nationalListFiles(readFindings());

  it('are what pages.json makes of them (run `npm run dataset:national-list` after editing it)', () => {
    for (const dir of [NATIONAL_LIST_DIR, GREEN_PARKS_DIR]) {
      for (const [name, content] of Object.entries(nationalListFiles(readFindings(dir)))) expect(readFileSync(join(dir, name), 'utf8'), `${dir}/${name}`).toBe(content);
    }
  });

  it('write a park once however many pages name it, and designate every park named', () => {
    const parks = files['parks.jsonl']!.trim().split('\n').map((line) => JSON.parse(line) as { id: string });
    const designations = files['designations.jsonl']!.trim().split('\n').map((line) => JSON.parse(line) as { park: string; source: string });
    expect(new Set(parks.map((p) => p.id)).size).toBe(parks.length);
    expect(designations.map((d) => d.park).sort()).toEqual([...parks.map((p) => p.id), 'sino-german-park-shenyang'].sort());
    // Named by two pages: the park cites the first, its designation the second.
    expect(designations.find((d) => d.park === 'hebei-baoding-gaoxin-jishu-chanye-kaifaqu')!.source).toBe('hebtv-2026-01-18-hebei-three-parks');
  });
});
