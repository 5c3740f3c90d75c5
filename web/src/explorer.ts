/**
 * The explorer: search an entity, draw its neighbourhood, click a node to
 * expand it and read the sources of every node and edge in the side panel;
 * filter by node type, relationship type, year and program, choose the layout, find
 * the shortest path between two nodes, export the view, and share it as a
 * link (the URL always describes the current view).
 * It talks to the API only through @greengraph/client, the typed SDK.
 */
import cytoscape, { type Core, type ElementDefinition, type LayoutOptions, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import {
  createClient,
  GreengraphError,
  type ExplorerEntityQuery,
  type ExplorerGraphEdgeFragment,
  type ExplorerGraphNodeFragment,
  type ExplorerSourceFieldsFragment,
  type GreengraphClient,
} from '@greengraph/client';
import { readApiKey, storeApiKey } from './apiKeyStore.js';
import { toGexf, toGraphML, type GraphView } from './explorer/graphFiles.js';
import { placeLabels, type LabelCandidate } from './explorer/labelPlacement.js';
import { explorerStyle, LABEL_FONT_FAMILY, LABEL_FONT_PX, LABEL_MARGIN_PX, LABEL_MAX_WIDTH_PX, typeColours } from './explorer/style.js';
import { isProvinceCode, MAX_DEPTH, parseViewState, viewStateQuery, type LayoutName, type ViewState } from './explorer/viewState.js';
import './explorer.css';

cytoscape.use(fcose);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (text: string) => ($('status').textContent = text);
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function makeClient(): GreengraphClient {
  const apiKey = readApiKey();
  return createClient({ url: new URL('/graphql', window.location.href).toString(), ...(apiKey ? { apiKey } : {}) });
}
let client = makeClient();

/** The view; every change goes through `commit`, which writes it into the URL. */
const view: ViewState = parseViewState(window.location.search);
/** The id of the entity the view opened on (a province code in the URL resolves to an id). */
let rootId: string | null = null;
/** The first node picked for a path, while the path tool waits for the second. */
let pathPick: string | null | undefined;
let hovered: string | null = null;

function commit(): void {
  history.replaceState(null, '', `${window.location.pathname}${viewStateQuery(view)}`);
}

let zoom = 1;
const cy: Core = cytoscape({
  container: $('graph'),
  wheelSensitivity: 0.3,
  minZoom: 0.05,
  maxZoom: 6,
  style: explorerStyle(() => zoom),
});
// For the browser tests and the developer console.
(window as unknown as { cy: Core }).cy = cy;

// ---- labels -------------------------------------------------------------

const measure = document.createElement('canvas').getContext('2d')!;
measure.font = `${LABEL_FONT_PX}px ${LABEL_FONT_FAMILY}`;
const labelWidths = new Map<string, number>();
function labelWidth(text: string): number {
  let width = labelWidths.get(text);
  if (width === undefined) {
    width = Math.min(measure.measureText(text).width, LABEL_MAX_WIDTH_PX);
    labelWidths.set(text, width);
  }
  return width;
}

function labelPriority(node: NodeSingular): number {
  const id = node.id();
  if (id === hovered) return 1e9;
  if (node.selected()) return 1e8;
  if (node.hasClass('path') || id === pathPick) return 1e7;
  if (id === rootId) return 1e6;
  if (node.hasClass('expanded')) return 1e5;
  return node.connectedEdges(':visible').length;
}

/**
 * Picks the labels to draw for the current zoom, pan and hover. Sizes that
 * must stay constant on screen are restyled only when the zoom changed.
 */
function updateLabels(): void {
  if (cy.zoom() !== zoom) {
    zoom = cy.zoom();
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
      width: labelWidth(String(node.data('label'))) + 4,
      height,
      priority: labelPriority(node),
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

const MAX_EDGE_LABELS = 12;

let labelFrame = 0;
function scheduleLabels(): void {
  if (labelFrame) return;
  labelFrame = requestAnimationFrame(() => {
    labelFrame = 0;
    updateLabels();
  });
}
cy.on('zoom pan resize', scheduleLabels);
cy.on('mouseover', 'node', (event) => {
  hovered = event.target.id();
  scheduleLabels();
});
cy.on('mouseout', 'node', () => {
  hovered = null;
  scheduleLabels();
});

// ---- filters ------------------------------------------------------------

/** Years of the dated nodes (partnerships: start; pledges: target year) loaded so far, with the filter's own. */
function yearBounds(): { min: number; max: number } | null {
  const years = cy
    .nodes()
    .map((node) => node.data('year') as number | null)
    .filter((year): year is number => year !== null);
  if (view.since !== null) years.push(view.since);
  if (view.until !== null) years.push(view.until);
  if (years.length === 0) return null;
  return { min: Math.min(...years), max: Math.max(...years) };
}

/** The parks designated under the program filter's program (null: no program chosen). */
let programParks: Set<string> | null = null;

/** Asks which parks the view's program designates (its first 100, by name), for the program filter. */
async function loadProgramParks(): Promise<void> {
  if (!view.program) {
    programParks = null;
    return;
  }
  const { program } = await client.explorerProgramParks({ id: view.program });
  programParks = new Set(program?.parks.nodes.map((park) => park.id) ?? []);
}

/** With a program chosen: its parks, what is drawn next to them, and the program itself. */
function programNeighbourhood(): Set<string> | null {
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
function applyFilters(): void {
  const inProgram = programNeighbourhood();
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
  renderFilterControls();
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

function renderFilterControls(): void {
  $('type-filters').innerHTML = checkboxList('type', counts(cy.nodes(), view.hiddenTypes, Object.keys(typeColours)), view.hiddenTypes, (type) => typeColours[type] ?? '#999');
  $('relationship-filters').innerHTML = checkboxList('relationship', counts(cy.edges(), view.hiddenRelationships), view.hiddenRelationships);
  const bounds = yearBounds();
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

function onFilterChange(): void {
  applyFilters();
  commit();
  relayout({ fit: false }).catch(report);
}

$('type-filters').addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  view.hiddenTypes = input.checked ? view.hiddenTypes.filter((t) => t !== input.value) : [...view.hiddenTypes, input.value];
  onFilterChange();
});
$('relationship-filters').addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  view.hiddenRelationships = input.checked ? view.hiddenRelationships.filter((t) => t !== input.value) : [...view.hiddenRelationships, input.value];
  onFilterChange();
});
/** Fills the program filter with the programs, by name. */
async function renderProgramChoices(): Promise<void> {
  const { programs } = await client.explorerPrograms();
  const select = $<HTMLSelectElement>('program-filter');
  select.innerHTML =
    '<option value="">any program or none</option>' +
    programs.nodes.map((program) => `<option value="${escapeHtml(program.id)}">${escapeHtml(program.name)}</option>`).join('');
  select.value = view.program ?? '';
}

$<HTMLSelectElement>('program-filter').addEventListener('change', (event) => {
  view.program = (event.target as HTMLSelectElement).value || null;
  (async () => {
    await loadProgramParks();
    // With none of its parks drawn, the filter would leave nothing: open the program, its parks and their neighbourhood.
    if (view.program && ![...(programParks ?? [])].some((id) => cy.getElementById(id).nonempty())) {
      view.depth = MAX_DEPTH;
      await open(view.program);
      return;
    }
    onFilterChange();
    summarise();
  })().catch(report);
});

for (const id of ['year-since', 'year-until']) {
  $<HTMLInputElement>(id).addEventListener('input', () => {
    const bounds = yearBounds();
    if (!bounds) return;
    let since = Number($<HTMLInputElement>('year-since').value);
    let until = Number($<HTMLInputElement>('year-until').value);
    if (since > until) [since, until] = id === 'year-since' ? [since, since] : [until, until];
    // At the ends the range stays open, so that later data beyond them is not cut.
    view.since = since <= bounds.min ? null : since;
    view.until = until >= bounds.max ? null : until;
    applyFilters();
    commit();
  });
  $<HTMLInputElement>(id).addEventListener('change', () => relayout({ fit: false }).catch(report));
}

// ---- layouts ------------------------------------------------------------

/** Hops from the root over what is drawn: the rings of the concentric layout. */
function hopsFromRoot(): Map<string, number> {
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

function layoutOptions(name: LayoutName, incremental: boolean): LayoutOptions {
  const common = { animate: false, padding: 40, fit: false };
  switch (name) {
    case 'concentric': {
      const hops = hopsFromRoot();
      const outer = Math.max(0, ...hops.values()) + 1;
      return { ...common, name: 'concentric', concentric: (node: NodeSingular) => outer - (hops.get(node.id()) ?? outer), levelWidth: () => 1, minNodeSpacing: 26, avoidOverlap: true };
    }
    case 'breadthfirst':
      return { ...common, name: 'breadthfirst', directed: false, roots: rootId ? [rootId] : undefined, spacingFactor: 1.1, avoidOverlap: true } as LayoutOptions;
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
function relayout(options: { fit?: boolean; incremental?: boolean } = {}): Promise<void> {
  const visible = cy.elements(':visible');
  if (visible.empty()) return Promise.resolve();
  return new Promise((resolve) => {
    const run = visible.layout(layoutOptions(view.layout, options.incremental ?? true));
    run.one('layoutstop', () => {
      if (options.fit ?? true) fitView();
      scheduleLabels();
      resolve();
    });
    run.run();
  });
}

function fitView(): void {
  cy.fit(cy.elements(':visible'), 40);
  // A small neighbourhood would otherwise be blown up to fill the canvas.
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center(cy.elements(':visible'));
  }
}

$<HTMLSelectElement>('layout').addEventListener('change', (event) => {
  view.layout = (event.target as HTMLSelectElement).value as LayoutName;
  commit();
  relayout({ incremental: false }).catch(report);
});
$<HTMLSelectElement>('depth').addEventListener('change', (event) => {
  view.depth = Number((event.target as HTMLSelectElement).value);
  if (view.id) open(view.id).catch(report);
  else commit();
});

// ---- loading ------------------------------------------------------------

/** Adds nodes and edges not drawn yet; new nodes start next to `near` so that an incremental layout keeps the picture. */
function addElements(nodes: readonly ExplorerGraphNodeFragment[], edges: readonly ExplorerGraphEdgeFragment[], near?: string): number {
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
async function load(id: string, depth: number): Promise<boolean> {
  status(`Loading the neighbourhood of ${id}…`);
  const { neighborhood } = await client.explorerNeighborhood({ id, depth });
  if (!neighborhood) return false;
  addElements(neighborhood.nodes, neighborhood.edges, id);
  cy.getElementById(id).addClass('expanded');
  if (neighborhood.truncated) truncatedAt.add(id);
  return true;
}
const truncatedAt = new Set<string>();

function summarise(): void {
  const visible = cy.nodes(':visible').length;
  const all = cy.nodes().length;
  status(
    `${visible} nodes${visible < all ? ` (${all - visible} filtered out)` : ''}, ${cy.edges(':visible').length} edges. ` +
      'Click a node to expand it and read its sources; hover a node for its name.' +
      (truncatedAt.size ? ' (A neighbourhood was cut at 200 nodes: expand nodes to see more.)' : ''),
  );
}

/** Expands one more node of the view: its neighbourhood joins the drawing. */
async function expand(id: string): Promise<void> {
  if (!(await load(id, 1))) return;
  if (id !== rootId && !view.expanded.includes(id)) view.expanded.push(id);
  commit();
  applyFilters();
  await relayout({ fit: false });
  summarise();
}

/** The id that a deep link's `id` names: an entity id, or a province's code. */
async function resolveRef(ref: string): Promise<string> {
  if (!isProvinceCode(ref)) return ref;
  const { province } = await client.explorerProvince({ code: ref });
  return province?.id ?? ref;
}

/**
 * Draws the view that `view` describes, from scratch: the neighbourhood of
 * its entity, the nodes expanded since, the filters, layout, selection and path.
 */
async function restore(): Promise<void> {
  cy.elements().remove();
  truncatedAt.clear();
  pathPick = undefined;
  setPathMode(false);
  $<HTMLSelectElement>('layout').value = view.layout;
  $<HTMLSelectElement>('depth').value = String(view.depth);
  if (!view.id) {
    renderFilterControls();
    status('Search for an entity to start, or open a link such as ?id=CN-HB.');
    return;
  }
  rootId = await resolveRef(view.id);
  await loadProgramParks();
  if (!(await load(rootId, view.depth))) {
    status(`No entity has the id ${view.id}.`);
    rootId = null;
    renderFilterControls();
    return;
  }
  cy.getElementById(rootId).addClass('root');
  for (const id of view.expanded) await load(id, 1);
  if (view.path) await showPath(view.path[0], view.path[1], { layout: false });
  applyFilters();
  await relayout({ incremental: false });
  const selected = view.selected ?? rootId;
  cy.getElementById(selected).select();
  await showNode(selected);
  summarise();
}

/** Opens a new view around one entity, keeping the layout, depth and filters. */
async function open(ref: string): Promise<void> {
  Object.assign(view, { id: ref, expanded: [], selected: null, path: null });
  commit();
  await restore();
  commit();
}

// ---- details ------------------------------------------------------------

function sourceList(sources: readonly ExplorerSourceFieldsFragment[]): string {
  if (sources.length === 0) return '<p class="hint">No source recorded.</p>';
  return `<ol class="sources">${sources
    .map((s) => {
      const title = s.url ? `<a href="${escapeHtml(s.url)}" target="_blank" rel="noreferrer">${escapeHtml(s.title)}</a>` : escapeHtml(s.title);
      const meta = [s.publisher, s.publishedOn].filter(Boolean).map((m) => escapeHtml(String(m))).join(', ');
      return `<li>${title}${meta ? `<br><small>${meta}</small>` : ''}</li>`;
    })
    .join('')}</ol>`;
}

type Entity = NonNullable<ExplorerEntityQuery['node']>;

function facts(entity: Entity): [string, unknown][] {
  const { __typename: _type, id: _id, ...rest } = entity as Record<string, unknown>;
  return Object.entries(rest).filter(([key, value]) => key !== 'sources' && value !== null && value !== undefined && value !== '');
}

async function showNode(id: string): Promise<void> {
  const { node } = await client.explorerEntity({ id });
  if (!node) return;
  const sources = node.__typename === 'Source' ? [node as ExplorerSourceFieldsFragment] : ((node as { sources?: ExplorerSourceFieldsFragment[] }).sources ?? []);
  $('details').innerHTML = `
    <h2><span class="badge" style="background:${typeColours[node.__typename] ?? '#999'}">${node.__typename}</span> ${escapeHtml(String(cy.getElementById(id).data('label') ?? id))}</h2>
    <dl>${facts(node)
      .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(String(value))}</dd>`)
      .join('')}<dt>id</dt><dd><code>${escapeHtml(id)}</code></dd></dl>
    <h3>Sources</h3>${sourceList(sources)}`;
}

async function showEdge(data: { type: string; source: string; target: string; sourceIds: string[] | null }): Promise<void> {
  const sources = (await Promise.all((data.sourceIds ?? []).map((sourceId) => client.explorerSource({ id: sourceId }))))
    .map((result) => result.source)
    .filter((s): s is ExplorerSourceFieldsFragment => s !== null);
  $('details').innerHTML = `
    <h2><span class="badge edge">${escapeHtml(data.type)}</span></h2>
    <p><code>${escapeHtml(data.source)}</code> → <code>${escapeHtml(data.target)}</code></p>
    <h3>Sources of this fact</h3>${sourceList(sources)}`;
}

async function showResults(text: string): Promise<void> {
  const { search } = await client.explorerSearch({ text });
  const results = $('results');
  if (search.length === 0) {
    results.innerHTML = `<p class="hint">Nothing matches “${escapeHtml(text)}”.</p>`;
    return;
  }
  results.innerHTML = `<ol>${search
    .map(({ node }) => {
      const n = node as { __typename: string; id: string; name?: string; title?: string; statement?: string | null };
      const label = n.name ?? n.title ?? n.statement ?? n.id;
      return `<li><button type="button" data-id="${escapeHtml(n.id)}"><span class="dot" style="background:${typeColours[n.__typename] ?? '#999'}"></span>${escapeHtml(label)} <small>${n.__typename}</small></button></li>`;
    })
    .join('')}</ol>`;
}

// ---- shortest path ------------------------------------------------------

function setPathMode(on: boolean): void {
  const button = $('path-tool');
  button.setAttribute('aria-pressed', String(on));
  button.textContent = on ? 'Cancel path' : 'Find a path';
  if (!on) {
    cy.nodes('.path-end').removeClass('path-end');
    pathPick = undefined;
  } else {
    pathPick = null;
  }
}

function clearPath(): void {
  cy.elements('.path, .faded').removeClass('path faded');
  $('path-result').innerHTML = '';
}

/** Draws the shortest path between two nodes (adding what is not drawn yet) and fades everything else. */
async function showPath(from: string, to: string, options: { layout: boolean }): Promise<void> {
  clearPath();
  status(`Looking for the shortest path between ${from} and ${to}…`);
  const { shortestPath } = await client.explorerPath({ from, to });
  view.path = [from, to];
  commit();
  if (!shortestPath) {
    $('path-result').innerHTML = `<p class="hint">No path of at most 6 relationships joins ${escapeHtml(from)} and ${escapeHtml(to)}.</p>`;
    status(`No path of at most 6 relationships joins ${from} and ${to}.`);
    return;
  }
  const added = addElements(shortestPath.nodes, shortestPath.edges, from);
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
    applyFilters();
    if (added) await relayout({ fit: false });
    cy.fit(cy.elements('.path'), 60);
    if (cy.zoom() > 1.4) cy.zoom({ level: 1.4, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    scheduleLabels();
  }
  status(`Shortest path: ${shortestPath.nodes.map((node) => node.label).join(' → ')}`);
}

$('path-tool').addEventListener('click', () => {
  const on = $('path-tool').getAttribute('aria-pressed') !== 'true';
  setPathMode(on);
  if (on) status('Path: click the first node.');
  else summarise();
});
$('path-result').addEventListener('click', (event) => {
  if ((event.target as HTMLElement).id !== 'path-clear') return;
  clearPath();
  view.path = null;
  commit();
  scheduleLabels();
});

// ---- export -------------------------------------------------------------

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What is drawn now: visible nodes and edges, with their positions and colours. */
function currentView(): GraphView {
  return {
    nodes: cy.nodes(':visible').map((node) => ({
      id: node.id(),
      label: String(node.data('label')),
      type: String(node.data('type')),
      year: (node.data('year') as number | null) ?? null,
      x: node.position('x'),
      y: node.position('y'),
      colour: typeColours[node.data('type') as string] ?? '#999999',
    })),
    edges: cy.edges(':visible').map((edge) => ({
      id: edge.id(),
      source: String(edge.data('source')),
      target: String(edge.data('target')),
      type: String(edge.data('type')),
      sourceIds: (edge.data('sourceIds') as string[] | null) ?? [],
    })),
  };
}

const fileName = (extension: string) => `greengraph-${(rootId ?? 'view').replace(/[^\w.-]+/g, '-')}.${extension}`;

$('export').addEventListener('click', (event) => {
  const format = (event.target as HTMLElement).closest('button')?.dataset.format;
  if (format === 'png') {
    download(cy.png({ output: 'blob', bg: '#ffffff', scale: 2 }), fileName('png'));
  } else if (format === 'graphml') {
    download(new Blob([toGraphML(currentView())], { type: 'application/graphml+xml' }), fileName('graphml'));
  } else if (format === 'gexf') {
    download(new Blob([toGexf(currentView())], { type: 'application/gexf+xml' }), fileName('gexf'));
  }
});

// ---- API key ------------------------------------------------------------

const keyInput = $<HTMLInputElement>('api-key');
keyInput.value = readApiKey() ?? '';
keyInput.addEventListener('change', () => {
  storeApiKey(keyInput.value);
  client = makeClient();
  restore().catch(report);
  renderProgramChoices().catch(() => undefined);
});

// ---- wiring -------------------------------------------------------------

function report(error: unknown): void {
  if (error instanceof GreengraphError && error.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    status(`${error.message}. This server needs an API key for reads: enter one in the key field above.`);
    return;
  }
  status(error instanceof GreengraphError ? `${error.message}` : `Something went wrong: ${String(error)}`);
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $<HTMLInputElement>('search').value.trim();
  if (text) showResults(text).catch(report);
});
$('results').addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest('button[data-id]');
  if (button) open(button.getAttribute('data-id')!).catch(report);
});

cy.on('tap', 'node', (event) => {
  const id = event.target.id() as string;
  if (pathPick === null) {
    pathPick = id;
    event.target.addClass('path-end');
    status(`Path from ${event.target.data('label')}: click the second node.`);
    return;
  }
  if (typeof pathPick === 'string') {
    const from = pathPick;
    setPathMode(false);
    showPath(from, id, { layout: true }).catch(report);
    return;
  }
  view.selected = id;
  commit();
  Promise.all([showNode(id), event.target.hasClass('expanded') ? Promise.resolve() : expand(id)]).catch(report);
});
cy.on('tap', 'edge', (event) => {
  showEdge(event.target.data()).catch(report);
});
cy.on('select unselect', scheduleLabels);

$('graph').insertAdjacentHTML(
  'beforeend',
  `<ul class="legend">${Object.entries(typeColours)
    .map(([type, colour]) => `<li><span class="dot" style="background:${colour}"></span>${type}</li>`)
    .join('')}</ul>`,
);

restore().catch(report);
// Without them (a server that needs a key, before one is given) the select
// offers no program; entering a key fills it.
renderProgramChoices().catch(() => undefined);
