/**
 * Explicit revive, the mutations' side: a write that names a retired entity
 * (or links a company to a parent over a retired link) without
 * `revive: true` is refused, so that nothing retired becomes current by
 * accident and nothing is written to it unnoticed. With `revive: true` the
 * write statements make it current again and record who, when and which
 * source (src/write/write.cypher.ts). The import's `--revive` is the same
 * flag; without it an import leaves retired facts retired (README).
 */
import type { Row } from '../neo4j/database.js';
import type { Definition } from '../write/references.js';
import type { ParentRow } from '../write/rows.js';
import type { Problem } from '../write/validate.js';

/** The retired entities among `$ids` and the retired parent links among `$links`. */
export const retiredCypher = `
CALL {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id}) WHERE n.retiredOn IS NOT NULL
  RETURN collect({id: n.id, retiredOn: n.retiredOn, retractedWith: n.retractedWith}) AS entities
}
CALL {
  UNWIND $links AS link
  MATCH (:Entity {id: link.company})-[r:SUBSIDIARY_OF]->(:Entity {id: link.parent}) WHERE r.retiredOn IS NOT NULL
  RETURN collect({company: link.company, parent: link.parent, retiredOn: r.retiredOn}) AS links
}
RETURN entities, links`;

const when = (x: { retiredOn: unknown; retractedWith?: unknown }) =>
  `was retired on ${String(x.retiredOn)}${x.retractedWith ? ` (retracted with ${String(x.retractedWith)})` : ''}`;

/**
 * Problems for a write without `revive: true` that names retired facts; run
 * under the write's locks, after its other checks.
 */
export async function retiredProblems(
  run: (cypher: string, params: Row) => Promise<Row[]>,
  definitions: readonly Definition[],
  parentLinks: readonly (ParentRow & { field: string })[],
): Promise<Problem[]> {
  if (!definitions.length && !parentLinks.length) return [];
  const [row] = await run(retiredCypher, {
    ids: definitions.map((d) => d.id),
    links: parentLinks.map((l) => ({ company: l.company, parent: l.parent })),
  });
  const entities = (row?.entities ?? []) as { id: string; retiredOn: unknown; retractedWith: unknown }[];
  const links = (row?.links ?? []) as { company: string; parent: string; retiredOn: unknown }[];
  const problems: Problem[] = [];
  for (const e of entities) {
    const d = definitions.find((x) => x.id === e.id)!;
    problems.push({
      field: d.field,
      message: `"${e.id}" ${when(e)}: a write leaves it retired. To make it current again, send the write with "revive: true" (recorded with who revived it, when and the source).`,
    });
  }
  for (const l of links) {
    const p = parentLinks.find((x) => x.company === l.company && x.parent === l.parent)!;
    problems.push({
      field: p.field,
      message: `The link from "${l.company}" to its parent "${l.parent}" ${when(l)}. To make it current again, send linkParent with "revive: true".`,
    });
  }
  return problems;
}
