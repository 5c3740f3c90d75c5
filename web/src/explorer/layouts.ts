/** The layouts: force-directed (fcose), concentric rings of hops from the root, and breadth-first. */
import type { LayoutOptions, NodeSingular } from 'cytoscape';
import { $, report } from './dom.js';
import { scheduleLabels } from './labels.js';
import { commit, type Explorer } from './state.js';
import type { LayoutName } from './viewState.js';

/** Hops from the root over what is drawn: the rings of the concentric layout. */
function hopsFromRoot({ cy, rootId }: Explorer): Map<string, number> {
  const hops = new Map<string, number>();
  const root = rootId ? cy.getElementById(rootId) : cy.collection();
  if (root.empty()) return hops;
  cy.elements(':visible').bfs({
    roots: root,
    directed: false,
    visit: (node, _edge, _previous, _index, depth) => {
      hops.set(node.id(), depth);
    },
  });
  return hops;
}

function layoutOptions(explorer: Explorer, name: LayoutName, incremental: boolean): LayoutOptions {
  const common = { animate: false, padding: 40, fit: false };
  switch (name) {
    case 'concentric': {
      const hops = hopsFromRoot(explorer);
      const outer = Math.max(0, ...hops.values()) + 1;
      return { ...common, name: 'concentric', concentric: (node: NodeSingular) => outer - (hops.get(node.id()) ?? outer), levelWidth: () => 1, minNodeSpacing: 26, avoidOverlap: true };
    }
    case 'breadthfirst':
      return { ...common, name: 'breadthfirst', directed: false, roots: explorer.rootId ? [explorer.rootId] : undefined, spacingFactor: 1.1, avoidOverlap: true } as LayoutOptions;
    default:
      return {
        ...common,
        name: 'fcose',
        quality: 'default',
        randomize: !incremental,
        nodeRepulsion: () => 9000,
        idealEdgeLength: () => 80,
        nodeSeparation: 90,
        numIter: 2500,
      } as LayoutOptions;
  }
}

/** Lays out what is drawn; `incremental` keeps the nodes near where they are (new ones start at their parent). */
export function relayout(explorer: Explorer, options: { fit?: boolean; incremental?: boolean } = {}): Promise<void> {
  const visible = explorer.cy.elements(':visible');
  if (visible.empty()) return Promise.resolve();
  return new Promise((resolve) => {
    const run = visible.layout(layoutOptions(explorer, explorer.view.layout, options.incremental ?? true));
    run.one('layoutstop', () => {
      if (options.fit ?? true) fitView(explorer);
      scheduleLabels(explorer);
      resolve();
    });
    run.run();
  });
}

function fitView({ cy }: Explorer): void {
  cy.fit(cy.elements(':visible'), 40);
  // A small neighbourhood would otherwise be blown up to fill the canvas.
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center(cy.elements(':visible'));
  }
}

/** The layout select (the depth select opens a view: see explorer.ts). */
export function wireLayouts(explorer: Explorer): void {
  $<HTMLSelectElement>('layout').addEventListener('change', (event) => {
    explorer.view.layout = (event.target as HTMLSelectElement).value as LayoutName;
    commit(explorer);
    relayout(explorer, { incremental: false }).catch(report);
  });
}
