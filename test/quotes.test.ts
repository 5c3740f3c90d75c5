/**
 * Evidence quotes: a citation carries the source's words that state the
 * fact; where the source's text is stored, the words must be in it.
 */
import { describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);
const REPORT = 'report-zero-carbon-parks-de';

async function editor(query: string, variables: Record<string, unknown>) {
  const { body } = await writers.post(query, variables, writers.keys.editor);
  return body as { data: any; errors?: any[] };
}

const UPSERT_PARK = `mutation($input: UpsertParkInput!) { upsertPark(input: $input) { id } }`;
const park = (id: string, source: Record<string, unknown>) => ({ input: { id, name: `Test park ${id}`, province: 'CN-LN', source } });

async function factQuotes(source: string): Promise<Map<string, string | null>> {
  const { data, errors } = await graph.execute(`{ source(id: "${source}") { facts(first: 100) { nodes { kind quote entity { id } relationship { type from { id } to { id } } } } } }`);
  expect(errors).toBeUndefined();
  return new Map(
    data!.source.facts.nodes.map((f: any) => [f.entity ? f.entity.id : `${f.relationship.from.id} ${f.relationship.type} ${f.relationship.to.id}`, f.quote]),
  );
}

describe('evidence quotes', () => {
  it('reads the seed report\'s words beside each fact it states', async () => {
    const quotes = await factQuotes(REPORT);
    expect(quotes.get('sino-german-park-zero-carbon-2027')).toBe(
      'Der chinesisch-deutsche Industriepark hat sich das Ziel gesetzt, bis 2027 die nationalen Null-Kohlenstoff-Standards Chinas zu erfüllen',
    );
    // A relationship the row wrote is stated by the row's words.
    const located = [...quotes].find(([key]) => key.startsWith('sino-german-park-shenyang LOCATED_IN '));
    expect(located?.[1]).toBe(quotes.get('sino-german-park-shenyang'));
    expect([...quotes.values()].every((q) => q !== null)).toBe(true);
  });

  it('takes a quote that occurs in the stored text, whitespace normalised', async () => {
    const { errors } = await editor(UPSERT_PARK, park('test-quoted-park', { id: REPORT, quote: 'Auch über   Shenyang hinaus\n wächst die Beteiligung' }));
    expect(errors).toBeUndefined();
    expect((await factQuotes(REPORT)).get('test-quoted-park')).toBe('Auch über   Shenyang hinaus\n wächst die Beteiligung');
  });

  it('refuses a quote that is not in the stored text, or longer than 500 characters, writing nothing', async () => {
    const refused = async (id: string, quote: string, expected: string) => {
      const { data, errors } = await editor(UPSERT_PARK, park(id, { id: REPORT, quote }));
      expect(data).toBeNull();
      expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(errors![0].extensions.field).toBe('input.source.quote');
      expect(errors![0].message).toContain(expected);
      const [row] = await graph.db.read('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id });
      expect(row!.n).toBe(0);
    };
    await refused('test-misquoted-park', 'BMW baut in Hubei zehn Parks.', 'does not occur there');
    await refused('test-long-quote-park', 'x'.repeat(501), 'at most 500 characters');
  });

  it('keeps a quote of a source whose text is not stored, as given', async () => {
    const { errors } = await editor(UPSERT_PARK, park('test-unstored-quote-park', { new: { id: 'test-unstored-page', title: 'A page (fictional)' }, quote: 'Words of a page not stored.' }));
    expect(errors).toBeUndefined();
    expect((await factQuotes('test-unstored-page')).get('test-unstored-quote-park')).toBe('Words of a page not stored.');
  });
});
