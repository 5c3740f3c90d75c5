/**
 * The filters: node types, relationship types, years (of the dated nodes)
 * and a program, whose parks and what is drawn next to them stay shown.
 * Filtered elements stay loaded, only hidden.
 */
import type cytoscape from 'cytoscape';
import { $, escapeHtml, report } from './dom.js';
import { relayout } from './layouts.js';
import { commit, type Explorer } from './state.js';
import { typeColours } from './style.js';

/** Years of the dated nodes (partnerships: start; pledges: target year) loaded so far, with the filter's own. */
function yearBounds({ cy, view }: Explorer): { min: number; max: number } | null {
  const years = cy
    .nodes()
    .map((node) => node.data('year') as number | null)
    .filter((year): year is number => year !== null);
  if (view.since !== null) years.push(view.since);
  if (view.until !== null) years.push(view.until);
  if (years.length === 0) return null;
  return { min: Math.min(...years), max: Math.max(...years) };
}

/** Asks which parks the view's program designates (its first 100, by name), for the program filter. */
export async function loadProgramParks(explorer: Explorer): Promise<void> {
  const { view } = explorer;
  if (!view.program) {
    explorer.programParks = null;
    return;
  }
  const { program } = await explorer.client.explorerProgramParks({ id: view.program });
  explorer.programParks = new Set(program?.parks.nodes.map((park) => park.id) ?? []);
}

/** With a program chosen: its parks, what is drawn next to them, and the program itself. */
function programNeighbourhood({ cy, view, programParks }: Explorer): Set<string> | null {
  if (!programParks || !view.program) return null;
  const kept = new Set([view.program]);
  for (const id of programParks) {
    const park = cy.getElementById(id);
    if (park.empty()) continue;
    kept.add(id);
    park.neighborhood().nodes().forEach((node) => void kept.add(node.id()));
  }
  return kept;
}

/** Hides what the filters leave out; a node's edges go with it. */
export function applyFilters(explorer: Explorer): void {
  const { cy, view } = explorer;
  const inProgram = programNeighbourhood(explorer);
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      const year = node.data('year') as number | null;
      const outOfYears = year !== null && ((view.since !== null && year < view.since) || (view.until !== null && year > view.until));
      const outOfProgram = inProgram !== null && !inProgram.has(node.id());
      node.toggleClass('filtered', view.hiddenTypes.includes(node.data('type') as string) || outOfYears || outOfProgram);
    });
    cy.edges().forEach((edge) => {
      edge.toggleClass('filtered', view.hiddenRelationships.includes(edge.data('type') as string));
    });
  });
  renderFilterControls(explorer);
}

function checkboxList(name: string, counts: Map<string, { all: number; shown: number }>, hidden: string[], colour?: (key: string) => string): string {
  return [...counts.entries()]
    .map(
      ([key, count]) => `<label class="check"><input type="checkbox" name="${name}" value="${escapeHtml(key)}"${hidden.includes(key) ? '' : ' checked'} />` +
        `${colour ? `<span class="dot" style="background:${colour(key)}"></span>` : ''}<span class="check-label">${escapeHtml(key)}</span>` +
        `<small>${count.shown}/${count.all}</small></label>`,
    )
    .join('');
}

function counts(elements: cytoscape.NodeCollection | cytoscape.EdgeCollection, hidden: string[], order: string[] = []): Map<string, { all: number; shown: number }> {
  const result = new Map<string, { all: number; shown: number }>();
  for (const key of order) if (hidden.includes(key)) result.set(key, { all: 0, shown: 0 });
  elements.forEach((element) => {
    const key = element.data('type') as string;
    const count = result.get(key) ?? { all: 0, shown: 0 };
    count.all += 1;
    if (element.visible()) count.shown += 1;
    result.set(key, count);
  });
  for (const key of hidden) if (!result.has(key)) result.set(key, { all: 0, shown: 0 });
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return new Map([...result.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
}

export function renderFilterControls(explorer: Explorer): void {
  const { cy, view } = explorer;
  $('type-filters').innerHTML = checkboxList('type', counts(cy.nodes(), view.hiddenTypes, Object.keys(typeColours)), view.hiddenTypes, (type) => typeColours[type] ?? '#999');
  $('relationship-filters').innerHTML = checkboxList('relationship', counts(cy.edges(), view.hiddenRelationships), view.hiddenRelationships);
  const bounds = yearBounds(explorer);
  const since = $<HTMLInputElement>('year-since');
  const until = $<HTMLInputElement>('year-until');
  for (const input of [since, until]) {
    input.disabled = bounds === null;
    input.min = String(bounds?.min ?? 2000);
    input.max = String(bounds?.max ?? 2060);
  }
  since.value = String(view.since ?? bounds?.min ?? 2000);
  until.value = String(view.until ?? bounds?.max ?? 2060);
  $('year-range').textContent = bounds ? `${since.value} – ${until.value}` : 'no dated nodes in view';
}

/** After a filter changed: hides what it leaves out, records it in the URL and lays out what remains. */
export function onFilterChange(explorer: Explorer): void {
  applyFilters(explorer);
  commit(explorer);
  relayout(explorer, { fit: false }).catch(report);
}

/** Fills the program filter with the programs, by name. */
export async function renderProgramChoices(explorer: Explorer): Promise<void> {
  const { programs } = await explorer.client.explorerPrograms();
  const select = $<HTMLSelectElement>('program-filter');
  select.innerHTML =
    '<option value="">any program or none</option>' +
    programs.nodes.map((program) => `<option value="${escapeHtml(program.id)}">${escapeHtml(program.name)}</option>`).join('');
  select.value = explorer.view.program ?? '';
}

/** The type, relationship and year filters' controls (the program filter opens views: see explorer.ts). */
export function wireFilters(explorer: Explorer): void {
  const { view } = explorer;
  $('type-filters').addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    view.hiddenTypes = input.checked ? view.hiddenTypes.filter((t) => t !== input.value) : [...view.hiddenTypes, input.value];
    onFilterChange(explorer);
  });
  $('relationship-filters').addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    view.hiddenRelationships = input.checked ? view.hiddenRelationships.filter((t) => t !== input.value) : [...view.hiddenRelationships, input.value];
    onFilterChange(explorer);
  });
  for (const id of ['year-since', 'year-until']) {
    $<HTMLInputElement>(id).addEventListener('input', () => {
      const bounds = yearBounds(explorer);
      if (!bounds) return;
      let since = Number($<HTMLInputElement>('year-since').value);
      let until = Number($<HTMLInputElement>('year-until').value);
      if (since > until) [since, until] = id === 'year-since' ? [since, since] : [until, until];
      // At the ends the range stays open, so that later data beyond them is not cut.
      view.since = since <= bounds.min ? null : since;
      view.until = until >= bounds.max ? null : until;
      applyFilters(explorer);
      commit(explorer);
    });
    $<HTMLInputElement>(id).addEventListener('change', () => relayout(explorer, { fit: false }).catch(report));
  }
}
