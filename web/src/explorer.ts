/**
 * The explorer: search an entity, draw its neighbourhood, click a node to
 * expand it, and read the sources of every node and edge in the side panel.
 * It talks to the API only through @greengraph/client, the typed SDK.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { createClient, GreengraphError, type ExplorerEntityQuery, type ExplorerSourceFieldsFragment } from '@greengraph/client';
import './explorer.css';

const client = createClient({ url: new URL('/graphql', window.location.href).toString() });

/** One colour per node type, also used by the legend. */
const typeColours: Record<string, string> = {
  Company: '#1f77b4',
  Park: '#2ca02c',
  Province: '#9467bd',
  Country: '#8c564b',
  Partnership: '#ff7f0e',
  Pledge: '#17becf',
  Facility: '#e377c2',
  Source: '#7f7f7f',
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (text: string) => ($('status').textContent = text);
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const cy: Core = cytoscape({
  container: $('graph'),
  wheelSensitivity: 0.3,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': (node) => typeColours[node.data('type') as string] ?? '#999',
        label: 'data(label)',
        'font-size': 10,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        width: 22,
        height: 22,
      },
    },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#222' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d62728' } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#bbb',
        'target-arrow-color': '#bbb',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(type)',
        'font-size': 7,
        color: '#777',
        'text-rotation': 'autorotate',
      },
    },
    { selector: 'edge:selected', style: { 'line-color': '#d62728', 'target-arrow-color': '#d62728', width: 3 } },
  ],
});
// For the browser tests and the developer console.
(window as unknown as { cy: Core }).cy = cy;

/** The entity the drawing was opened on: the centre of the rings. */
let root: string | null = null;

/** Rings around the root, one per hop: a neighbourhood reads best that way. */
function layout(): Promise<void> {
  return new Promise((resolve) => {
    const run = cy.layout({
      name: 'breadthfirst',
      circle: true,
      roots: root ? [root] : undefined,
      spacingFactor: 1.1,
      avoidOverlap: true,
      animate: false,
      padding: 40,
    });
    run.one('layoutstop', () => resolve());
    run.run();
  });
}

/** Adds the neighbourhood of `id` to the drawing and marks `id` as expanded. */
async function expand(id: string): Promise<void> {
  status(`Loading the neighbourhood of ${id}…`);
  const { neighborhood } = await client.explorerNeighborhood({ id, depth: 1 });
  if (!neighborhood) {
    status(`No entity has the id ${id}.`);
    return;
  }
  const added: ElementDefinition[] = [];
  for (const node of neighborhood.nodes) {
    if (cy.getElementById(node.id).empty()) added.push({ group: 'nodes', data: { id: node.id, type: node.type, label: node.label } });
  }
  for (const edge of neighborhood.edges) {
    const edgeId = `${edge.from}-${edge.type}-${edge.to}`;
    if (cy.getElementById(edgeId).empty()) {
      added.push({ group: 'edges', data: { id: edgeId, source: edge.from, target: edge.to, type: edge.type, sourceIds: edge.sourceIds } });
    }
  }
  cy.add(added);
  cy.getElementById(id).addClass('expanded');
  await layout();
  cy.fit(undefined, 40);
  // A small neighbourhood would otherwise be blown up to fill the canvas.
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center();
  }
  status(
    `${cy.nodes().length} nodes, ${cy.edges().length} edges. Click a node to expand it and read its sources.` +
      (neighborhood.truncated ? ' (This neighbourhood was cut at 200 nodes.)' : ''),
  );
}

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

/** Starts a new drawing around one entity. */
async function open(id: string): Promise<void> {
  cy.elements().remove();
  root = id;
  history.replaceState(null, '', `?id=${encodeURIComponent(id)}`);
  await expand(id);
  cy.getElementById(id).select();
  await showNode(id);
}

function report(error: unknown): void {
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
  Promise.all([showNode(id), event.target.hasClass('expanded') ? Promise.resolve() : expand(id)]).catch(report);
});
cy.on('tap', 'edge', (event) => {
  showEdge(event.target.data()).catch(report);
});

$('graph').insertAdjacentHTML(
  'beforeend',
  `<ul class="legend">${Object.entries(typeColours)
    .map(([type, colour]) => `<li><span class="dot" style="background:${colour}"></span>${type}</li>`)
    .join('')}</ul>`,
);

const initial = new URLSearchParams(window.location.search).get('id');
if (initial) open(initial).catch(report);
else status('Search for an entity to start.');
