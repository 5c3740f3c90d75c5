/**
 * Streams the graph, or the neighbourhood of one entity, through an
 * ExportWriter. Everything is read in one read transaction (a consistent
 * snapshot) and consumed record by record with the driver's async iterator,
 * which pulls records from Neo4j in batches as they are written: a large graph
 * never sits in memory, and a slow client slows the read instead of filling a
 * buffer.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';
import { toParams, toPlain } from '../neo4j/records.js';
import {
  INTERNAL_PROPERTIES,
  neighbourhoodIdsCypher,
  nodePropertyTypes,
  nodes,
  relationshipPropertyTypes,
  relationships,
} from './export.cypher.js';
import { attributeType, type AttributeType, type ExportColumns, type ExportEdge, type ExportNode, type ExportWriter } from './formats.js';

export interface ExportScope {
  /** Export only this entity, everything within `depth` domain relationships, and the sources they cite. */
  around?: string;
  /** 1..MAX_EXPORT_DEPTH, with `around`. */
  depth?: number;
  /** Only nodes of this type (for CSV per node type). */
  nodeType?: string;
  /**
   * False leaves out the SOURCED_FROM relationships and writes each node's
   * source ids as its `sources` property instead (relationships carry theirs
   * already). Default true.
   */
  provenance?: boolean;
}

/** Where the text goes; resolves when the chunk may be followed by the next (backpressure). */
export type ExportSink = (chunk: string) => Promise<void>;

/** Thrown when `around` names no entity; nothing has been written then. */
export class UnknownEntityError extends Error {}

async function* stream<T>(tx: ManagedTransaction, cypher: string, params: Record<string, unknown>): AsyncGenerator<T> {
  for await (const record of tx.run(cypher, toParams(params) as Record<string, unknown>)) {
    yield toPlain(record.toObject()) as T;
  }
}

interface NodeRow extends ExportNode {
  company: { country: string | null; foreign: boolean } | null;
  sources: string[] | null;
}

type ReadParams = {
  ids: string[] | null;
  provenance: boolean;
  internal: string[];
};

async function readColumns(tx: ManagedTransaction, params: ReadParams): Promise<ExportColumns> {
  const columns: ExportColumns = { nodes: new Map(), edges: new Map() };
  for await (const row of stream<{ type: string; key: string; valueTypes: string[] }>(tx, nodePropertyTypes, params)) {
    const ofType = columns.nodes.get(row.type) ?? new Map<string, AttributeType>();
    ofType.set(row.key, attributeType(row.valueTypes));
    columns.nodes.set(row.type, ofType);
  }
  // The columns the node read adds beside the stored properties.
  columns.nodes.get('Company')?.set('country', 'string').set('foreign', 'boolean');
  if (!params.provenance) for (const ofType of columns.nodes.values()) ofType.set('sources', 'string');
  for await (const row of stream<{ key: string; valueTypes: string[] }>(tx, relationshipPropertyTypes, params)) {
    columns.edges.set(row.key, attributeType(row.valueTypes));
  }
  return columns;
}

/** A node as written: stored properties less the internal ones, plus the company and provenance columns. */
function exportedNode({ company, sources, ...node }: NodeRow): ExportNode {
  const properties = Object.fromEntries(Object.entries(node.properties).filter(([name]) => !INTERNAL_PROPERTIES.has(name)));
  if (company) Object.assign(properties, company);
  if (sources) properties.sources = sources;
  return { ...node, properties };
}

/**
 * Writes the export to `sink`. Rejects with UnknownEntityError before writing
 * anything when `around` is unknown.
 */
export async function exportGraph(db: Database, writer: ExportWriter, scope: ExportScope, sink: ExportSink): Promise<void> {
  let started = false;
  await db.readTransaction(async (tx) => {
    // The driver retries a transaction that failed on a transient error; once
    // text has gone out, a retry would repeat it, so fail instead.
    if (started) throw new Error('The export was interrupted after it had started; request it again.');
    let ids: string[] | null = null;
    if (scope.around !== undefined) {
      const [row] = (await tx.run(neighbourhoodIdsCypher(scope.depth ?? 1), { id: scope.around })).records;
      ids = (row?.get('ids') as string[] | null) ?? null;
      if (ids === null) throw new UnknownEntityError(`No entity has the id "${scope.around}".`);
    }
    const params: ReadParams = { ids, provenance: scope.provenance ?? true, internal: [...INTERNAL_PROPERTIES] };
    const columns = await readColumns(tx, params);
    started = true;
    await sink(writer.header(columns));
    if (writer.node) {
      for await (const row of stream<NodeRow>(tx, nodes, { ...params, type: scope.nodeType ?? null })) {
        await sink(writer.node(exportedNode(row)));
      }
    }
    if (writer.betweenNodesAndEdges) await sink(writer.betweenNodesAndEdges());
    if (writer.edge) {
      for await (const edge of stream<ExportEdge>(tx, relationships, params)) {
        await sink(writer.edge(edge));
      }
    }
    await sink(writer.footer());
  });
}
