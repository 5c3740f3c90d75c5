/**
 * What the explorer shows, as a URL query: the entity it opened on, how far
 * around it, which layout, what is filtered out, what is expanded, selected
 * and which path is highlighted. A link restores the view; anything in the
 * query that does not make sense falls back to the default rather than
 * failing, because links get cut and edited by hand.
 */

export const LAYOUTS = ['fcose', 'concentric', 'breadthfirst'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const MAX_DEPTH = 3;

export interface ViewState {
  /** The entity the view opened on: an id, or a province's ISO 3166-2:CN code (`CN-HB`). */
  id: string | null;
  /** Relationships around `id` loaded when the view opened: 1..MAX_DEPTH. */
  depth: number;
  layout: LayoutName;
  /** Node types filtered out (`Pledge`, …). */
  hiddenTypes: string[];
  /** Relationship types filtered out (`LOCATED_IN`, …). */
  hiddenRelationships: string[];
  /** Dated nodes (partnerships by start, pledges by target year) before this year are filtered out. */
  since: number | null;
  /** Dated nodes after this year are filtered out. */
  until: number | null;
  /** A program's id: only the parks designated under it, and what is drawn next to them, are shown. */
  program: string | null;
  /** Nodes whose neighbourhood was added after the view opened, in order. */
  expanded: string[];
  selected: string | null;
  /** The two ends of the highlighted shortest path. */
  path: [string, string] | null;
}

export const defaultViewState = (): ViewState => ({
  id: null,
  depth: 1,
  layout: 'fcose',
  hiddenTypes: [],
  hiddenRelationships: [],
  since: null,
  until: null,
  program: null,
  expanded: [],
  selected: null,
  path: null,
});

const list = (value: string | null): string[] =>
  value
    ? [...new Set(value.split(',').map((item) => item.trim()).filter(Boolean))]
    : [];

const year = (value: string | null): number | null => {
  if (value === null || !/^\d{4}$/.test(value.trim())) return null;
  return Number(value);
};

/** The view a query string (`?id=CN-HB&layout=concentric&…`) describes. */
export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const state = defaultViewState();
  state.id = params.get('id')?.trim() || null;
  const depth = Number(params.get('depth'));
  if (Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH) state.depth = depth;
  const layout = params.get('layout');
  if ((LAYOUTS as readonly string[]).includes(layout ?? '')) state.layout = layout as LayoutName;
  state.hiddenTypes = list(params.get('hide'));
  state.hiddenRelationships = list(params.get('hideRel'));
  state.since = year(params.get('since'));
  state.until = year(params.get('until'));
  if (state.since !== null && state.until !== null && state.since > state.until) [state.since, state.until] = [state.until, state.since];
  state.program = params.get('program')?.trim() || null;
  state.expanded = list(params.get('expand'));
  state.selected = params.get('selected')?.trim() || null;
  const path = list(params.get('path'));
  if (path.length === 2) state.path = [path[0]!, path[1]!];
  return state;
}

/** The query string for a view, leaving out what is at its default so that links stay short. */
export function viewStateQuery(state: ViewState): string {
  const defaults = defaultViewState();
  const params = new URLSearchParams();
  if (state.id) params.set('id', state.id);
  if (state.depth !== defaults.depth) params.set('depth', String(state.depth));
  if (state.layout !== defaults.layout) params.set('layout', state.layout);
  if (state.hiddenTypes.length) params.set('hide', state.hiddenTypes.join(','));
  if (state.hiddenRelationships.length) params.set('hideRel', state.hiddenRelationships.join(','));
  if (state.since !== null) params.set('since', String(state.since));
  if (state.until !== null) params.set('until', String(state.until));
  if (state.program) params.set('program', state.program);
  if (state.expanded.length) params.set('expand', state.expanded.join(','));
  if (state.selected) params.set('selected', state.selected);
  if (state.path) params.set('path', state.path.join(','));
  const query = params.toString().replace(/%2C/g, ',');
  return query ? `?${query}` : '';
}

/** A province's ISO 3166-2:CN code, as a deep link may give it instead of the province's id. */
export const isProvinceCode = (ref: string): boolean => /^CN-[A-Z]{2}$/i.test(ref);
