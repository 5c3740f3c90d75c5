/**
 * The reference data the model's facts point at: countries (ISO 3166-1),
 * China's provincial-level divisions (ISO 3166-2:CN, names from the Ministry
 * of Civil Affairs) and its prefecture-level cities (the NBS 2023 division
 * codes), read from seed/reference/ and each node citing the dataset it
 * comes from. These are loaded by this loader of their own, MERGEd by id;
 * it writes no model entity (companies, parks, facilities, partnerships,
 * pledges, parent links, sources): those go through src/write/ (seedGraph.ts).
 * Like the model writer it stamps createdAt/By on creation and
 * updatedAt/By only when a value changed, so loading it again changes nothing.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { CityRecord } from '../city/cityCodes.js';
import { toParams } from '../neo4j/records.js';
import type { Problem } from '../write/validate.js';

export interface Country {
  code: string;
  name: string;
  localName: string | null;
}
export interface Province {
  id: string;
  code: string;
  name: string;
  localName: string;
  kind: string;
}

export interface ReferenceData {
  countries: Country[];
  provinces: Province[];
  cities: CityRecord[];
}

/** The sources of the reference lists (seed/reference/sources.json), cited by every node of a list. */
export const REFERENCE_SOURCES = {
  countries: ['iso-3166-1'],
  provinces: ['iso-3166-2-cn', 'mca-administrative-divisions'],
  cities: ['nbs-statistical-division-codes-2023'],
} as const;

export type ReferenceKind = keyof typeof REFERENCE_SOURCES;

/** MERGEs `n` by id with its label, sets `s.props`, stamps as the model writer does, links `n` to the list's sources. */
const upsert = (label: string) => `
UNWIND $rows AS s
MERGE (n:Entity {id: s.id})
ON CREATE SET n:${label}, n.createdAt = datetime(), n.createdBy = $by
WITH n, s, [k IN keys(s.props) WHERE NOT (n[k] = s.props[k]) OR (n[k] IS NULL) <> (s.props[k] IS NULL)] AS changed
SET n += s.props
FOREACH (_ IN CASE WHEN size(changed) > 0 OR n.updatedAt IS NULL THEN [1] ELSE [] END |
  SET n.updatedAt = datetime(), n.updatedBy = $by)
WITH n, s
CALL {
  WITH n, s
  UNWIND $sources AS sourceId
  MATCH (src:Entity {id: sourceId}) WHERE src:Source
  MERGE (n)-[:SOURCED_FROM]->(src)
}`;

/** `(n)-[:PART_OF]->(t)` citing the list's sources. */
const partOf = (target: string) => `
WITH n, s
MATCH ${target}
MERGE (n)-[r:PART_OF]->(t) SET r.sources = $sources`;

const STATEMENTS: { kind: ReferenceKind; cypher: string; rows: (data: ReferenceData) => { id: string; props: Record<string, unknown> }[] }[] = [
  {
    kind: 'countries',
    cypher: upsert('Country'),
    rows: (data) => data.countries.map((c) => ({ id: c.code, props: { code: c.code, name: c.name, localName: c.localName } })),
  },
  {
    kind: 'provinces',
    cypher: `${upsert('Province')}${partOf("(t:Country {code: 'CN'})")}`,
    rows: (data) => data.provinces.map((p) => ({ id: p.id, props: { code: p.code, name: p.name, localName: p.localName, kind: p.kind, aliasText: p.code } })),
  },
  {
    kind: 'cities',
    cypher: `${upsert('City')}${partOf('(t:Province {code: s.province})')}`,
    rows: (data) =>
      data.cities.map((c) => ({ id: c.id, province: c.province, props: { code: c.code, name: c.name, localName: c.localName, kind: c.kind } })),
  },
];

/** Problems of the reference lists themselves: every city lies in a listed province. */
export function checkReferenceData(data: ReferenceData): Problem[] {
  const provinces = new Set(data.provinces.map((p) => p.code));
  return data.cities.flatMap((c, i) => (provinces.has(c.province) ? [] : [{ field: `cities[${i}].province`, message: `unknown province code ${c.province}` }]));
}

/**
 * Writes the reference data in `tx` (its sources must be written already).
 * Returns the number of nodes per list.
 */
export async function writeReferenceData(tx: ManagedTransaction, data: ReferenceData, by: string): Promise<Record<ReferenceKind, number>> {
  const counts = { countries: 0, provinces: 0, cities: 0 };
  for (const statement of STATEMENTS) {
    const rows = statement.rows(data);
    await tx.run(statement.cypher, toParams({ rows, by, sources: REFERENCE_SOURCES[statement.kind] }) as Record<string, unknown>);
    counts[statement.kind] = rows.length;
  }
  return counts;
}
