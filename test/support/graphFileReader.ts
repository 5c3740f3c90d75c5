/**
 * GraphML and GEXF files read back by a reader independent of greengraph:
 * graphology's parsers (graphology-graphml, graphology-gexf), installed by
 * npm ci. Parallel edges are kept (a multigraph), as the files hold them.
 */
import { readFileSync } from 'node:fs';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';

export interface GraphFileCounts {
  nodes: number;
  edges: number;
  directed: boolean;
  /** Nodes per value of their `type` attribute. */
  nodeTypes: Record<string, number>;
}

/** The graph in a .graphml or .gexf file. */
export function readGraphFile(file: string): MultiDirectedGraph {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.gexf')) return parseGexf(MultiDirectedGraph, text);
  if (file.endsWith('.graphml')) return parseGraphml(MultiDirectedGraph, text);
  throw new Error(`not a GraphML or GEXF file: ${file}`);
}

export function graphFileCounts(file: string): GraphFileCounts {
  const graph = readGraphFile(file);
  const nodeTypes: Record<string, number> = {};
  graph.forEachNode((_, attributes) => {
    const type = String(attributes.type);
    nodeTypes[type] = (nodeTypes[type] ?? 0) + 1;
  });
  return { nodes: graph.order, edges: graph.size, directed: graph.type === 'directed', nodeTypes };
}
