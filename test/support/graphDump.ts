/**
 * A canonical dump of the graph as the seed writes it, for comparing two
 * graphs at the graph level: every Entity and PledgeVersion node with its
 * labels and properties (with their Cypher types), and every relationship
 * between them with its properties, in a stable order. Timestamps
 * (createdAt, updatedAt, a version's validFrom/validTo) differ from run to
 * run and are left out unless asked for.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../src/neo4j/database.js';

export interface DumpedNode {
  key: string;
  labels: string[];
  /** property → [Cypher type, value] */
  props: Record<string, [string, unknown]>;
}

export interface DumpedRelationship {
  type: string;
  from: string;
  to: string;
  props: Record<string, [string, unknown]>;
}

export interface GraphDump {
  nodes: DumpedNode[];
  relationships: DumpedRelationship[];
}

const TIMESTAMPS = new Set(['createdAt', 'updatedAt', 'validFrom', 'validTo']);

const NODES = `
MATCH (n) WHERE n:Entity OR n:PledgeVersion
RETURN elementId(n) AS element, n.id AS id, n.pledgeId AS pledgeId, toString(n.validFrom) AS validFrom,
       labels(n) AS labels, [k IN keys(n) | [k, valueType(n[k]), n[k]]] AS props`;

const RELATIONSHIPS = `
MATCH (a)-[r]->(b) WHERE (a:Entity OR a:PledgeVersion) AND (b:Entity OR b:PledgeVersion)
RETURN elementId(a) AS from, elementId(b) AS to, type(r) AS type, [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS props`;

function properties(list: unknown, timestamps: boolean): Record<string, [string, unknown]> {
  const out: Record<string, [string, unknown]> = {};
  for (const [key, type, value] of [...(list as [string, string, unknown][])].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (!timestamps && TIMESTAMPS.has(key)) continue;
    out[key] = [type, value];
  }
  return out;
}

/** Reads the whole graph the seed writes, in a canonical order. */
export async function dumpGraph(db: Database, options: { timestamps?: boolean } = {}): Promise<GraphDump> {
  const timestamps = options.timestamps ?? false;
  const rows = await db.read(NODES);
  // A pledge's versions are keyed by the pledge and their order in time (their element ids and instants vary).
  const versions = rows.filter((r) => r.pledgeId != null).sort((a, b) => String(a.validFrom).localeCompare(String(b.validFrom)));
  const keyOf = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const v of versions) {
    const n = seen.get(v.pledgeId as string) ?? 0;
    seen.set(v.pledgeId as string, n + 1);
    keyOf.set(v.element as string, `PledgeVersion:${v.pledgeId as string}#${n}`);
  }
  for (const r of rows) if (r.id != null) keyOf.set(r.element as string, r.id as string);
  const nodes = rows
    .map((r) => ({ key: keyOf.get(r.element as string)!, labels: [...(r.labels as string[])].sort(), props: properties(r.props, timestamps) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const relationships = (await db.read(RELATIONSHIPS))
    .map((r) => ({ type: r.type as string, from: keyOf.get(r.from as string)!, to: keyOf.get(r.to as string)!, props: properties(r.props, timestamps) }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.type.localeCompare(b.type) || a.to.localeCompare(b.to));
  return { nodes, relationships };
}

/** Labels of the reference data (seed/reference/), which the fixtures keep as a fingerprint only. */
const REFERENCE_LABELS = ['Country', 'Province', 'City'];

/**
 * Splits a dump into the reference data (countries, provinces, cities, what
 * they are part of and the sources they cite) and the model (everything else: sources,
 * companies, parks, facilities, pledges, partnerships, what links them and
 * the derived ACTIVE_IN).
 */
export function splitDump(dump: GraphDump): { model: GraphDump; reference: GraphDump } {
  const reference = new Set(dump.nodes.filter((n) => n.labels.some((l) => REFERENCE_LABELS.includes(l))).map((n) => n.key));
  const ofReference = (r: DumpedRelationship) => reference.has(r.from) && ['PART_OF', 'SOURCED_FROM'].includes(r.type);
  return {
    model: { nodes: dump.nodes.filter((n) => !reference.has(n.key)), relationships: dump.relationships.filter((r) => !ofReference(r)) },
    reference: { nodes: dump.nodes.filter((n) => reference.has(n.key)), relationships: dump.relationships.filter(ofReference) },
  };
}

/** Counts and a SHA-256 of a dump's canonical JSON: compares a large part of a graph without keeping it. */
export function fingerprint(dump: GraphDump): { nodes: number; relationships: number; sha256: string } {
  return { nodes: dump.nodes.length, relationships: dump.relationships.length, sha256: createHash('sha256').update(JSON.stringify(dump)).digest('hex') };
}
