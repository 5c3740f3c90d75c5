/**
 * The checks that need the graph: referenced ids exist with the right type
 * (or are written in the same batch), ids are not reused for another type,
 * a company keeps one parent at a time, and parent links never form a cycle.
 * The decisions are pure (`findReferenceProblems`); `checkAgainstGraph` only
 * fetches what they need.
 */
import type { Row } from '../neo4j/database.js';
import type { ParentRow, Reference } from './rows.js';
import { closesCycle, type Problem } from './validate.js';

export interface Definition {
  field: string;
  id: string;
  type: string;
}

export interface GraphFacts {
  /** Type of every id looked up; absent when the graph has no such id. */
  types: ReadonlyMap<string, string>;
  /** Current parent of each company on the chains involved. */
  parents: ReadonlyMap<string, string>;
}

const article = (type: string) => (/^[AEIOU]/.test(type) ? 'an' : 'a');

export function findReferenceProblems(
  definitions: readonly Definition[],
  references: readonly Reference[],
  parentLinks: readonly (ParentRow & { field: string })[],
  facts: GraphFacts,
): Problem[] {
  const problems: Problem[] = [];
  const inBatch = new Map<string, string>();
  for (const d of definitions) {
    const stored = facts.types.get(d.id);
    const earlier = inBatch.get(d.id);
    if (stored && stored !== d.type) {
      problems.push({ field: d.field, message: `The id "${d.id}" already belongs to ${article(stored)} ${stored}; ${article(d.type)} ${d.type} needs an id of its own.` });
    } else if (earlier && earlier !== d.type) {
      problems.push({ field: d.field, message: `The id "${d.id}" is used for both ${article(earlier)} ${earlier} and ${article(d.type)} ${d.type} in this input.` });
    } else {
      inBatch.set(d.id, d.type);
    }
  }
  for (const r of references) {
    const type = inBatch.get(r.id) ?? facts.types.get(r.id);
    const wanted = r.types.join(' or ');
    if (!type) problems.push({ field: r.field, message: `There is no ${wanted} with id "${r.id}" in the graph or in this input.` });
    else if (!r.types.includes(type)) problems.push({ field: r.field, message: `"${r.id}" is ${article(type)} ${type}, but ${article(r.types[0]!)} ${wanted} is needed here.` });
  }
  const parents = new Map(facts.parents);
  for (const link of parentLinks) {
    const current = parents.get(link.company);
    if (current && current !== link.parent) {
      problems.push({ field: link.field, message: `"${link.company}" already has the parent "${current}"; retire that SUBSIDIARY_OF link before linking another parent.` });
    } else if (closesCycle(parents, link.company, link.parent)) {
      problems.push({ field: link.field, message: `Linking "${link.company}" to the parent "${link.parent}" would make a company its own ancestor.` });
    } else {
      parents.set(link.company, link.parent);
    }
  }
  return problems;
}

type Run = (cypher: string, params: Row) => Promise<Row[]>;

/** Fetches the facts for the given definitions, references and parent links, and checks them. */
export async function checkAgainstGraph(
  run: Run,
  definitions: readonly Definition[],
  references: readonly Reference[],
  parentLinks: readonly (ParentRow & { field: string })[],
  cypher: { types: string; parentChains: string },
): Promise<Problem[]> {
  const ids = [...new Set([...definitions.map((d) => d.id), ...references.map((r) => r.id)])];
  const types = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 10_000) {
    for (const row of await run(cypher.types, { ids: ids.slice(i, i + 10_000) })) {
      if (row.type) types.set(row.id as string, row.type as string);
    }
  }
  const parents = new Map<string, string>();
  if (parentLinks.length) {
    const companies = [...new Set(parentLinks.flatMap((l) => [l.company, l.parent]))];
    for (const row of await run(cypher.parentChains, { ids: companies })) parents.set(row.child as string, row.parent as string);
  }
  return findReferenceProblems(definitions, references, parentLinks, { types, parents });
}
