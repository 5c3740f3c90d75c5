/**
 * Writes the import files of a program's dataset folder in seed/datasets/
 * from its pages.json: the pages the team read that name parks on the
 * program's list (the first national zero-carbon park construction list, or
 * MIIT's green industrial parks), each park with the province (and city)
 * that page gives and the words of its Chinese name. A park named by several
 * pages is written once, citing the first; its designation cites the second
 * where there is one, so that both pages are on record. A page entry
 * `existing` links a park already in the graph (the seed's, or an earlier
 * dataset's) instead of writing a new one; `batch` and `on` on an entry say
 * when a list that came in batches took that park in. Run it again after
 * editing a pages.json: `npm run dataset:national-list` regenerates every
 * folder that has one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS_DIR, seedDatasets } from '../seed/seedDatasets.js';
import { englishParkName, localParkName, parkIdOf } from './parkNames.js';

export const NATIONAL_LIST_DIR = join(DATASETS_DIR, 'national-zero-carbon-parks-2025');
export const GREEN_PARKS_DIR = join(DATASETS_DIR, 'overlap-miit-green-industrial-parks');

interface NamedPark {
  words: string;
  province: string;
  city: string | null;
  existing?: string;
  /** The words of the page that name this park, when they are not the page's `quote`. */
  quote?: string;
  /** The batch that took the park in, when not the findings' `batch`. */
  batch?: number;
  /** When it was listed, when not the findings' `listedOn`. */
  on?: string;
}

interface Page {
  id: string;
  title: string;
  publisher: string;
  language: string;
  url: string;
  publishedOn: string | null;
  note: string;
  parks: NamedPark[];
  quote?: string;
}

interface Findings {
  program: Record<string, unknown> & { id: string; source: string };
  batch: number;
  listedOn: string;
  pages: Page[];
}

interface Citation {
  page: Page;
  park: NamedPark;
}

/** The page's words that name the park, kept as the citation's quote (src/source/quotes.ts). */
const quoteOf = ({ page, park }: Citation): { quote?: string } => {
  const quote = park.quote ?? page.quote;
  return quote === undefined ? {} : { quote };
};

const jsonLines = (rows: readonly object[]): string => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';

/** The import files' contents, by file name. */
export function nationalListFiles(findings: Findings): Record<string, string> {
  const citations = new Map<string, Citation[]>();
  for (const page of findings.pages) {
    for (const park of page.parks) {
      const id = park.existing ?? parkIdOf(englishParkName(park.words));
      citations.set(id, [...(citations.get(id) ?? []), { page, park }]);
    }
  }
  const sources = findings.pages.map(({ parks: _parks, quote: _quote, ...page }) => page);
  const parks = [...citations].flatMap(([id, [first]]) =>
    first!.park.existing
      ? []
      : [
          {
            id,
            name: englishParkName(first!.park.words),
            localName: localParkName(first!.park.words),
            province: first!.park.province,
            ...(first!.park.city ? { city: first!.park.city } : {}),
            source: first!.page.id,
            ...quoteOf(first!),
          },
        ],
  );
  const designations = [...citations].map(([id, cited]) => {
    const citation = cited[1] ?? cited[0]!;
    return {
      id: `${findings.program.id}-${id}`,
      park: id,
      program: findings.program.id,
      status: 'LISTED',
      batch: citation.park.batch ?? findings.batch,
      on: citation.park.on ?? findings.listedOn,
      source: citation.page.id,
      ...quoteOf(citation),
    };
  });
  const program = findings.program;
  return {
    'sources.jsonl': jsonLines(sources),
    'programs.jsonl': jsonLines([program]),
    // A list whose parks are all in the graph already writes no parks file.
    ...(parks.length ? { 'parks.jsonl': jsonLines(parks) } : {}),
    'designations.jsonl': jsonLines(designations),
  };
}

/** The findings the files of the dataset in `dir` are made from. */
export const readFindings = (dir = NATIONAL_LIST_DIR): Findings => JSON.parse(readFileSync(join(dir, 'pages.json'), 'utf8')) as Findings;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dir of seedDatasets().filter((d) => existsSync(join(d, 'pages.json')))) {
    for (const [name, content] of Object.entries(nationalListFiles(readFindings(dir)))) writeFileSync(join(dir, name), content);
    console.log(`wrote the import files of ${dir}`);
  }
}
