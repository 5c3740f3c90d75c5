/** The side panel: an entity's facts and sources, what a source states (with its words), an edge's sources, and search results. */
import type { ExplorerEntityQuery, ExplorerNodeNameFragment, ExplorerSourceFactsQuery, ExplorerSourceFieldsFragment } from '@greengraph/client';
import { $, escapeHtml } from './dom.js';
import type { Explorer } from './state.js';
import { typeColours } from './style.js';

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
type SourceFacts = NonNullable<ExplorerSourceFactsQuery['source']>['facts'];

/** An entity as a reader names it: its name, title or statement, else its id (escaped for HTML). */
function nameOf(node: ExplorerNodeNameFragment): string {
  const named = node as { name?: string | null; title?: string | null; statement?: string | null };
  return escapeHtml(named.name ?? named.title ?? named.statement ?? node.id);
}

/** What a source states, each fact beside the source's words that state it (its quote), when the citation carries them. */
function statedFacts(facts: SourceFacts): string {
  if (facts.totalCount === 0) return '<p class="hint">It states no current fact.</p>';
  const items = facts.nodes.map((fact) => {
    const what = fact.entity
      ? `<span class="dot" style="background:${typeColours[fact.entity.__typename] ?? '#999'}"></span>${nameOf(fact.entity)} <small>${fact.entity.__typename}</small>`
      : fact.relationship
        ? `${nameOf(fact.relationship.from)} <span class="badge edge">${escapeHtml(fact.relationship.type)}</span> ${nameOf(fact.relationship.to)}`
        : escapeHtml(fact.kind);
    const quote = fact.quote ? `<blockquote>${escapeHtml(fact.quote)}</blockquote>` : '';
    return `<li>${what}${quote}</li>`;
  });
  const more = facts.totalCount > facts.nodes.length ? `<p class="hint">The first ${facts.nodes.length} of ${facts.totalCount}.</p>` : '';
  return `<ol class="facts">${items.join('')}</ol>${more}`;
}

function facts(entity: Entity): [string, unknown][] {
  const { __typename: _type, id: _id, ...rest } = entity as Record<string, unknown>;
  return Object.entries(rest).filter(([key, value]) => key !== 'sources' && value !== null && value !== undefined && value !== '');
}

export async function showNode({ client, cy }: Explorer, id: string): Promise<void> {
  const { node } = await client.explorerEntity({ id });
  if (!node) return;
  const sources = node.__typename === 'Source' ? [node as ExplorerSourceFieldsFragment] : ((node as { sources?: ExplorerSourceFieldsFragment[] }).sources ?? []);
  $('details').innerHTML = `
    <h2><span class="badge" style="background:${typeColours[node.__typename] ?? '#999'}">${node.__typename}</span> ${escapeHtml(String(cy.getElementById(id).data('label') ?? id))}</h2>
    <dl>${facts(node)
      .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(String(value))}</dd>`)
      .join('')}<dt>id</dt><dd><code>${escapeHtml(id)}</code></dd></dl>
    <h3>Sources</h3>${sourceList(sources)}`;
  $('details').dataset.shows = id;
  if (node.__typename !== 'Source') return;
  const { source } = await client.explorerSourceFacts({ id });
  // Another node may have been picked while this was read.
  if (!source || $('details').dataset.shows !== id) return;
  $('details').insertAdjacentHTML('beforeend', `<h3>What it states</h3>${statedFacts(source.facts)}`);
}

export async function showEdge({ client }: Explorer, data: { type: string; source: string; target: string; sourceIds: string[] | null }): Promise<void> {
  const sources = (await Promise.all((data.sourceIds ?? []).map((sourceId) => client.explorerSource({ id: sourceId }))))
    .map((result) => result.source)
    .filter((s): s is ExplorerSourceFieldsFragment => s !== null);
  $('details').dataset.shows = '';
  $('details').innerHTML = `
    <h2><span class="badge edge">${escapeHtml(data.type)}</span></h2>
    <p><code>${escapeHtml(data.source)}</code> → <code>${escapeHtml(data.target)}</code></p>
    <h3>Sources of this fact</h3>${sourceList(sources)}`;
}

export async function showResults({ client }: Explorer, text: string): Promise<void> {
  const { search } = await client.explorerSearch({ text });
  const results = $('results');
  if (search.length === 0) {
    results.innerHTML = `<p class="hint">Nothing matches “${escapeHtml(text)}”.</p>`;
    return;
  }
  results.innerHTML = `<ol>${search
    .map(({ node }) => {
      return `<li><button type="button" data-id="${escapeHtml(node.id)}"><span class="dot" style="background:${typeColours[node.__typename] ?? '#999'}"></span>${nameOf(node)} <small>${node.__typename}</small></button></li>`;
    })
    .join('')}</ol>`;
}
