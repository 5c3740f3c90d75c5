/**
 * One explorer's state, made once when the page starts and handed to every
 * section (labels, filters, layouts, loading, details, path, export): the
 * modules keep none of their own.
 */
import cytoscape, { type Core } from 'cytoscape';
import { createClient, type GreengraphClient } from '@greengraph/client';
import { readApiKey } from '../apiKeyStore.js';
import { $ } from './dom.js';
import { explorerStyle, LABEL_FONT_FAMILY, LABEL_FONT_PX } from './style.js';
import { parseViewState, viewStateQuery, type ViewState } from './viewState.js';

export interface Explorer {
  readonly cy: Core;
  client: GreengraphClient;
  /** The view; every change goes through `commit`, which writes it into the URL. */
  readonly view: ViewState;
  /** The id of the entity the view opened on (a province code in the URL resolves to an id). */
  rootId: string | null;
  /** The first node picked for a path, while the path tool waits for the second (null: waiting for the first; undefined: no path tool). */
  pathPick: string | null | undefined;
  hovered: string | null;
  /** The zoom the styles were last sized for: label sizes stay constant on screen. */
  zoom: number;
  /** The animation frame a label update waits for; 0 when none is pending. */
  labelFrame: number;
  /** The parks designated under the program filter's program (null: no program chosen). */
  programParks: Set<string> | null;
  /** Nodes whose neighbourhood came back cut at the API's cap. */
  readonly truncatedAt: Set<string>;
  /** Where label widths are measured, and the widths measured so far. */
  readonly measure: CanvasRenderingContext2D;
  readonly labelWidths: Map<string, number>;
}

/** A client of the page's API, with the API key the user gave, if any. */
export function makeClient(): GreengraphClient {
  const apiKey = readApiKey();
  return createClient({ url: new URL('/graphql', window.location.href).toString(), ...(apiKey ? { apiKey } : {}) });
}

/** The explorer of this page, on the view its URL describes, drawing into #graph. */
export function createExplorer(): Explorer {
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${LABEL_FONT_PX}px ${LABEL_FONT_FAMILY}`;
  const state: Omit<Explorer, 'cy'> = {
    client: makeClient(),
    view: parseViewState(window.location.search),
    rootId: null,
    pathPick: undefined,
    hovered: null,
    zoom: 1,
    labelFrame: 0,
    programParks: null,
    truncatedAt: new Set(),
    measure,
    labelWidths: new Map(),
  };
  const cy = cytoscape({
    container: $('graph'),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 6,
    style: explorerStyle(() => state.zoom),
  });
  return Object.assign(state, { cy });
}

/** Writes the view into the URL, so that the address always describes what is shown. */
export function commit({ view }: Explorer): void {
  history.replaceState(null, '', `${window.location.pathname}${viewStateQuery(view)}`);
}
