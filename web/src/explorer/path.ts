/** The shortest-path tool: pick two nodes, and the path between them is drawn and everything else faded. */
import { $, escapeHtml, status } from './dom.js';
import { applyFilters } from './filters.js';
import { scheduleLabels } from './labels.js';
import { relayout } from './layouts.js';
import { addElements, summarise } from './loading.js';
import { commit, type Explorer } from './state.js';
import { typeColours } from './style.js';

export function setPathMode(explorer: Explorer, on: boolean): void {
  const button = $('path-tool');
  button.setAttribute('aria-pressed', String(on));
  button.textContent = on ? 'Cancel path' : 'Find a path';
  if (!on) {
    explorer.cy.nodes('.path-end').removeClass('path-end');
    explorer.pathPick = undefined;
  } else {
    explorer.pathPick = null;
  }
}

function clearPath({ cy }: Explorer): void {
  cy.elements('.path, .faded').removeClass('path faded');
  $('path-result').innerHTML = '';
}

/** Draws the shortest path between two nodes (adding what is not drawn yet) and fades everything else. */
export async function showPath(explorer: Explorer, from: string, to: string, options: { layout: boolean }): Promise<void> {
  const { cy } = explorer;
  clearPath(explorer);
  status(`Looking for the shortest path between ${from} and ${to}…`);
  const { shortestPath } = await explorer.client.explorerPath({ from, to });
  explorer.view.path = [from, to];
  commit(explorer);
  if (!shortestPath) {
    $('path-result').innerHTML = `<p class="hint">No path of at most 6 relationships joins ${escapeHtml(from)} and ${escapeHtml(to)}.</p>`;
    status(`No path of at most 6 relationships joins ${from} and ${to}.`);
    return;
  }
  const added = addElements(explorer, shortestPath.nodes, shortestPath.edges, from);
  cy.batch(() => {
    cy.elements().addClass('faded');
    for (const node of shortestPath.nodes) cy.getElementById(node.id).removeClass('faded').addClass('path');
    for (const edge of shortestPath.edges) cy.getElementById(`${edge.from}-${edge.type}-${edge.to}`).removeClass('faded').addClass('path');
  });
  $('path-result').innerHTML =
    `<p><strong>${shortestPath.length} relationship${shortestPath.length === 1 ? '' : 's'}</strong></p><ol class="path-steps">${shortestPath.nodes
      .map((node) => `<li><span class="dot" style="background:${typeColours[node.type] ?? '#999'}"></span>${escapeHtml(node.label)}</li>`)
      .join('')}</ol><button type="button" id="path-clear">Clear path</button>`;
  if (options.layout) {
    applyFilters(explorer);
    if (added) await relayout(explorer, { fit: false });
    cy.fit(cy.elements('.path'), 60);
    if (cy.zoom() > 1.4) cy.zoom({ level: 1.4, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    scheduleLabels(explorer);
  }
  status(`Shortest path: ${shortestPath.nodes.map((node) => node.label).join(' → ')}`);
}

/** The path tool's button and the path panel's "Clear path" (the node clicks that pick the ends: see explorer.ts). */
export function wirePath(explorer: Explorer): void {
  $('path-tool').addEventListener('click', () => {
    const on = $('path-tool').getAttribute('aria-pressed') !== 'true';
    setPathMode(explorer, on);
    if (on) status('Path: click the first node.');
    else summarise(explorer);
  });
  $('path-result').addEventListener('click', (event) => {
    if ((event.target as HTMLElement).id !== 'path-clear') return;
    clearPath(explorer);
    explorer.view.path = null;
    commit(explorer);
    scheduleLabels(explorer);
  });
}
