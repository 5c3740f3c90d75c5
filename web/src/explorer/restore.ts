/** Drawing a whole view from its description: on opening the page or a link, on opening another entity, on a new API key. */
import { $, status } from './dom.js';
import { showNode } from './details.js';
import { applyFilters, loadProgramParks, renderFilterControls } from './filters.js';
import { relayout } from './layouts.js';
import { load, resolveRef, summarise } from './loading.js';
import { setPathMode, showPath } from './path.js';
import { commit, type Explorer } from './state.js';

/**
 * Draws the view that `explorer.view` describes, from scratch: the
 * neighbourhood of its entity, the nodes expanded since, the filters,
 * layout, selection and path.
 */
export async function restore(explorer: Explorer): Promise<void> {
  const { cy, view } = explorer;
  cy.elements().remove();
  explorer.truncatedAt.clear();
  explorer.pathPick = undefined;
  setPathMode(explorer, false);
  $<HTMLSelectElement>('layout').value = view.layout;
  $<HTMLSelectElement>('depth').value = String(view.depth);
  if (!view.id) {
    renderFilterControls(explorer);
    status('Search for an entity to start, or open a link such as ?id=CN-HB.');
    return;
  }
  const rootId = await resolveRef(explorer, view.id);
  explorer.rootId = rootId;
  await loadProgramParks(explorer);
  if (!(await load(explorer, rootId, view.depth))) {
    status(`No entity has the id ${view.id}.`);
    explorer.rootId = null;
    renderFilterControls(explorer);
    return;
  }
  cy.getElementById(rootId).addClass('root');
  for (const id of view.expanded) await load(explorer, id, 1);
  if (view.path) await showPath(explorer, view.path[0], view.path[1], { layout: false });
  applyFilters(explorer);
  await relayout(explorer, { incremental: false });
  const selected = view.selected ?? rootId;
  cy.getElementById(selected).select();
  await showNode(explorer, selected);
  summarise(explorer);
}

/** Opens a new view around one entity, keeping the layout, depth and filters. */
export async function open(explorer: Explorer, ref: string): Promise<void> {
  Object.assign(explorer.view, { id: ref, expanded: [], selected: null, path: null });
  commit(explorer);
  await restore(explorer);
  commit(explorer);
}
