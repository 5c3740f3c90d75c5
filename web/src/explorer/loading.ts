/** Loading the graph into the drawing: neighbourhoods from the API, one node's expansion, the status line's summary. */
import type { ElementDefinition } from 'cytoscape';
import type { ExplorerGraphEdgeFragment, ExplorerGraphNodeFragment } from '@greengraph/client';
import { status } from './dom.js';
import { applyFilters } from './filters.js';
import { relayout } from './layouts.js';
import { commit, type Explorer } from './state.js';
import { isProvinceCode } from './viewState.js';

/** Adds nodes and edges not drawn yet; new nodes start next to `near` so that an incremental layout keeps the picture. */
export function addElements(
  { cy }: Explorer,
  nodes: readonly ExplorerGraphNodeFragment[],
  edges: readonly ExplorerGraphEdgeFragment[],
  near?: string,
): number {
  const anchor = near ? cy.getElementById(near) : cy.collection();
  const origin = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
  const added: ElementDefinition[] = [];
  for (const node of nodes) {
    if (cy.getElementById(node.id).empty()) {
      const angle = Math.random() * 2 * Math.PI;
      added.push({
        group: 'nodes',
        data: { id: node.id, type: node.type, label: node.label, year: node.year ?? null },
        position: { x: origin.x + 60 * Math.cos(angle), y: origin.y + 60 * Math.sin(angle) },
      });
    }
  }
  for (const edge of edges) {
    const edgeId = `${edge.from}-${edge.type}-${edge.to}`;
    if (cy.getElementById(edgeId).empty()) {
      added.push({ group: 'edges', data: { id: edgeId, source: edge.from, target: edge.to, type: edge.type, sourceIds: edge.sourceIds } });
    }
  }
  cy.add(added);
  return added.length;
}

/** Loads the neighbourhood of `id` into the drawing. Resolves to false when there is no such entity. */
export async function load(explorer: Explorer, id: string, depth: number): Promise<boolean> {
  status(`Loading the neighbourhood of ${id}…`);
  const { neighborhood } = await explorer.client.explorerNeighborhood({ id, depth });
  if (!neighborhood) return false;
  addElements(explorer, neighborhood.nodes, neighborhood.edges, id);
  explorer.cy.getElementById(id).addClass('expanded');
  if (neighborhood.truncated) explorer.truncatedAt.add(id);
  return true;
}

export function summarise({ cy, truncatedAt }: Explorer): void {
  const visible = cy.nodes(':visible').length;
  const all = cy.nodes().length;
  status(
    `${visible} nodes${visible < all ? ` (${all - visible} filtered out)` : ''}, ${cy.edges(':visible').length} edges. ` +
      'Click a node to expand it and read its sources; hover a node for its name.' +
      (truncatedAt.size ? ' (A neighbourhood was cut at 200 nodes: expand nodes to see more.)' : ''),
  );
}

/** Expands one more node of the view: its neighbourhood joins the drawing. */
export async function expand(explorer: Explorer, id: string): Promise<void> {
  if (!(await load(explorer, id, 1))) return;
  const { view } = explorer;
  if (id !== explorer.rootId && !view.expanded.includes(id)) view.expanded.push(id);
  commit(explorer);
  applyFilters(explorer);
  await relayout(explorer, { fit: false });
  summarise(explorer);
}

/** The id that a deep link's `id` names: an entity id, or a province's code. */
export async function resolveRef({ client }: Explorer, ref: string): Promise<string> {
  if (!isProvinceCode(ref)) return ref;
  const { province } = await client.explorerProvince({ code: ref });
  return province?.id ?? ref;
}
