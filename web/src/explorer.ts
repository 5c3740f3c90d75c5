/**
 * The explorer: search an entity, draw its neighbourhood, click a node to
 * expand it and read the sources of every node and edge in the side panel;
 * filter by node type, relationship type, year and program, choose the layout, find
 * the shortest path between two nodes, export the view, and share it as a
 * link (the URL always describes the current view).
 * It talks to the API only through @greengraph/client, the typed SDK.
 *
 * This file starts the page: it makes the one `Explorer` (explorer/state.ts)
 * and wires each section of explorer/ to it, and here are the controls that
 * tie sections together (clicks on nodes, the search, the API key).
 */
import cytoscape, { type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { readApiKey, storeApiKey } from './apiKeyStore.js';
import { showEdge, showNode, showResults } from './explorer/details.js';
import { $, report, status } from './explorer/dom.js';
import { wireExport } from './explorer/exportView.js';
import { loadProgramParks, onFilterChange, renderProgramChoices, wireFilters } from './explorer/filters.js';
import { wireLabels } from './explorer/labels.js';
import { wireLayouts } from './explorer/layouts.js';
import { expand, summarise } from './explorer/loading.js';
import { setPathMode, showPath, wirePath } from './explorer/path.js';
import { open, restore } from './explorer/restore.js';
import { commit, createExplorer, makeClient, type Explorer } from './explorer/state.js';
import { typeColours } from './explorer/style.js';
import { MAX_DEPTH } from './explorer/viewState.js';
import './explorer.css';

/** The program filter: shows the program's parks and what is drawn next to them, opening the program when none is drawn. */
function wireProgramFilter(explorer: Explorer): void {
  const { cy, view } = explorer;
  $<HTMLSelectElement>('program-filter').addEventListener('change', (event) => {
    view.program = (event.target as HTMLSelectElement).value || null;
    (async () => {
      await loadProgramParks(explorer);
      // With none of its parks drawn, the filter would leave nothing: open the program, its parks and their neighbourhood.
      if (view.program && ![...(explorer.programParks ?? [])].some((id) => cy.getElementById(id).nonempty())) {
        view.depth = MAX_DEPTH;
        await open(explorer, view.program);
        return;
      }
      onFilterChange(explorer);
      summarise(explorer);
    })().catch(report);
  });
}

/** The depth select: the view's entity opens again with the new depth. */
function wireDepth(explorer: Explorer): void {
  $<HTMLSelectElement>('depth').addEventListener('change', (event) => {
    explorer.view.depth = Number((event.target as HTMLSelectElement).value);
    if (explorer.view.id) open(explorer, explorer.view.id).catch(report);
    else commit(explorer);
  });
}

/** The API key field: a new key makes a new client and draws the view again with it. */
function wireApiKey(explorer: Explorer): void {
  const keyInput = $<HTMLInputElement>('api-key');
  keyInput.value = readApiKey() ?? '';
  keyInput.addEventListener('change', () => {
    storeApiKey(keyInput.value);
    explorer.client = makeClient();
    restore(explorer).catch(report);
    renderProgramChoices(explorer).catch(() => undefined);
  });
}

/** The search form and its results, which open a view. */
function wireSearch(explorer: Explorer): void {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $<HTMLInputElement>('search').value.trim();
    if (text) showResults(explorer, text).catch(report);
  });
  $('results').addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('button[data-id]');
    if (button) open(explorer, button.getAttribute('data-id')!).catch(report);
  });
}

/** A click on a node picks a path's end while the path tool waits, else selects and expands it; a click on an edge shows its sources. */
function wireTaps(explorer: Explorer): void {
  const { cy } = explorer;
  cy.on('tap', 'node', (event) => {
    const id = event.target.id() as string;
    if (explorer.pathPick === null) {
      explorer.pathPick = id;
      event.target.addClass('path-end');
      status(`Path from ${event.target.data('label')}: click the second node.`);
      return;
    }
    if (typeof explorer.pathPick === 'string') {
      const from = explorer.pathPick;
      setPathMode(explorer, false);
      showPath(explorer, from, id, { layout: true }).catch(report);
      return;
    }
    explorer.view.selected = id;
    commit(explorer);
    Promise.all([showNode(explorer, id), event.target.hasClass('expanded') ? Promise.resolve() : expand(explorer, id)]).catch(report);
  });
  cy.on('tap', 'edge', (event) => {
    showEdge(explorer, event.target.data()).catch(report);
  });
}

function start(): void {
  cytoscape.use(fcose);
  const explorer = createExplorer();
  // For the browser tests and the developer console.
  (window as unknown as { cy: Core }).cy = explorer.cy;
  wireLabels(explorer);
  wireFilters(explorer);
  wireProgramFilter(explorer);
  wireLayouts(explorer);
  wireDepth(explorer);
  wirePath(explorer);
  wireExport(explorer);
  wireApiKey(explorer);
  wireSearch(explorer);
  wireTaps(explorer);
  $('graph').insertAdjacentHTML(
    'beforeend',
    `<ul class="legend">${Object.entries(typeColours)
      .map(([type, colour]) => `<li><span class="dot" style="background:${colour}"></span>${type}</li>`)
      .join('')}</ul>`,
  );
  restore(explorer).catch(report);
  // Without them (a server that needs a key, before one is given) the select
  // offers no program; entering a key fills it.
  renderProgramChoices(explorer).catch(() => undefined);
}

start();
