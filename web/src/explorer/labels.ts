/**
 * Which labels are drawn: for the current zoom, pan and hover, the ones
 * labelPlacement picks by priority (hovered, selected, on the path, the
 * root, expanded, then the best connected), and relationship names only
 * where they are few enough to read.
 */
import type cytoscape from 'cytoscape';
import type { NodeSingular } from 'cytoscape';
import { placeLabels, type LabelCandidate } from './labelPlacement.js';
import type { Explorer } from './state.js';
import { LABEL_FONT_PX, LABEL_MARGIN_PX, LABEL_MAX_WIDTH_PX } from './style.js';

const MAX_EDGE_LABELS = 12;

function labelWidth({ measure, labelWidths }: Explorer, text: string): number {
  let width = labelWidths.get(text);
  if (width === undefined) {
    width = Math.min(measure.measureText(text).width, LABEL_MAX_WIDTH_PX);
    labelWidths.set(text, width);
  }
  return width;
}

function labelPriority(explorer: Explorer, node: NodeSingular): number {
  const id = node.id();
  if (id === explorer.hovered) return 1e9;
  if (node.selected()) return 1e8;
  if (node.hasClass('path') || id === explorer.pathPick) return 1e7;
  if (id === explorer.rootId) return 1e6;
  if (node.hasClass('expanded')) return 1e5;
  return node.connectedEdges(':visible').length;
}

/**
 * Picks the labels to draw for the current zoom, pan and hover. Sizes that
 * must stay constant on screen are restyled only when the zoom changed.
 */
function updateLabels(explorer: Explorer): void {
  const { cy, hovered } = explorer;
  if (cy.zoom() !== explorer.zoom) {
    explorer.zoom = cy.zoom();
    cy.style().update();
  }
  const candidates: LabelCandidate[] = [];
  const nodes = cy.nodes(':visible');
  nodes.forEach((node) => {
    const position = node.renderedPosition();
    const height = LABEL_FONT_PX + 4;
    candidates.push({
      id: node.id(),
      x: position.x,
      y: position.y + node.renderedHeight() / 2 + LABEL_MARGIN_PX + height / 2,
      width: labelWidth(explorer, String(node.data('label'))) + 4,
      height,
      priority: labelPriority(explorer, node),
      always: node.id() === hovered || node.selected(),
    });
  });
  // A label may graze the rim of another node, not cover its middle.
  const obstacles = nodes.map((node) => {
    const position = node.renderedPosition();
    return { id: node.id(), x: position.x, y: position.y, width: node.renderedWidth() * 0.6, height: node.renderedHeight() * 0.6 };
  });
  const shown = placeLabels(candidates, { width: cy.width(), height: cy.height() }, 3, obstacles);
  // Relationship names only where they are few enough to read: around the
  // hovered or selected node (unless it is a hub), the selected edge, the path.
  const fewEdges = (edges: cytoscape.EdgeCollection) => (edges.length <= MAX_EDGE_LABELS ? edges : cy.collection());
  const near = hovered ? fewEdges(cy.getElementById(hovered).connectedEdges()) : cy.collection();
  const selected = cy.$(':selected');
  const edgesToLabel = near.union(selected.edges()).union(fewEdges(selected.nodes().connectedEdges())).union(cy.edges('.path'));
  cy.batch(() => {
    nodes.forEach((node) => {
      node.toggleClass('labelled', shown.has(node.id()));
    });
    cy.edges().forEach((edge) => {
      edge.toggleClass('labelled', edgesToLabel.contains(edge));
    });
  });
}

/** Updates the labels at the next frame, once however often it is asked before then. */
export function scheduleLabels(explorer: Explorer): void {
  if (explorer.labelFrame) return;
  explorer.labelFrame = requestAnimationFrame(() => {
    explorer.labelFrame = 0;
    updateLabels(explorer);
  });
}

/** Keeps the labels up to date as the user zooms, pans, hovers and selects. */
export function wireLabels(explorer: Explorer): void {
  const { cy } = explorer;
  cy.on('zoom pan resize', () => scheduleLabels(explorer));
  cy.on('mouseover', 'node', (event) => {
    explorer.hovered = event.target.id();
    scheduleLabels(explorer);
  });
  cy.on('mouseout', 'node', () => {
    explorer.hovered = null;
    scheduleLabels(explorer);
  });
  cy.on('select unselect', () => scheduleLabels(explorer));
}
