/**
 * GraphiQL, bundled: no CDN, no fonts from the internet. It opens with one tab
 * per contract operation (and the analysts' operations), each with variables
 * that answer on the seed graph, and an API key field above it.
 * Subscriptions (GraphChanged) run over GraphQL over WebSocket (graphql-ws)
 * at /graphql, with the key sent in the connection's payload, since a
 * browser cannot set headers on a WebSocket.
 */
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import './playground.css';
import { authorizationHeader, readApiKey, storeApiKey } from './apiKeyStore.js';
import { createClient as createWsClient } from 'graphql-ws';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import analysts from '../../src/client/operations/analysts.graphql?raw';
import contract from '../../src/client/operations/contract.graphql?raw';
import changes from '../../src/client/operations/changes.graphql?raw';
import { CONTRACT_EXAMPLE_VARIABLES } from '../../src/client/operations/contractExamples.js';

/** Splits an operations file into one text per operation, each with the comment lines just above it. */
export function splitOperations(text: string): { name: string; query: string }[] {
  const operations: { name: string; lines: string[] }[] = [];
  let comments: string[] = [];
  for (const line of text.split('\n')) {
    const start = /^(?:query|mutation|subscription) (\w+)/.exec(line);
    if (start) {
      operations.push({ name: start[1]!, lines: [...comments, line] });
      comments = [];
    } else if (line.startsWith('#')) {
      comments.push(line);
    } else {
      if (line.trim() === '') comments = [];
      operations.at(-1)?.lines.push(line);
    }
  }
  return operations.map(({ name, lines }) => ({ name, query: `${lines.join('\n').trim()}\n` }));
}

const tabs = [...splitOperations(contract), ...splitOperations(analysts), ...splitOperations(changes)].map(({ name, query }) => ({
  query,
  variables: CONTRACT_EXAMPLE_VARIABLES[name] ? JSON.stringify(CONTRACT_EXAMPLE_VARIABLES[name], null, 2) : undefined,
}));

const endpoint = new URL('/graphql', window.location.href).toString();

const wsEndpoint = endpoint.replace(/^http/, 'ws');

/** A subscription, as GraphiQL takes it: an async iterator of results; GraphiQL's stop button returns it, which closes the socket. */
function subscription(params: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null }, headers: Record<string, string>) {
  const client = createWsClient({ url: wsEndpoint, lazy: true, retryAttempts: 0, connectionParams: { ...authorizationHeader(), ...headers } });
  const results = client.iterate({ query: params.query, variables: params.variables ?? {}, operationName: params.operationName ?? null });
  return {
    next: () => results.next(),
    async return() {
      await results.return?.();
      await client.dispose();
      return { value: undefined, done: true as const };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const isSubscription = (params: { query?: string; operationName?: string | null }): boolean => {
  const query = params.query ?? '';
  const named = params.operationName ? new RegExp(`\\bsubscription\\s+${params.operationName}\\b`).test(query) : false;
  return named || (!params.operationName && /^\s*(#[^\n]*\n\s*)*subscription\b/.test(query));
};

/** Every request, the schema's introspection included, carries the session's API key; a header typed in the Headers pane wins. */
async function fetcher(params: unknown, options?: { headers?: Record<string, unknown> }) {
  const request = params as { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };
  if (isSubscription(request)) return subscription(request, (options?.headers ?? {}) as Record<string, string>);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...authorizationHeader(),
      ...(options?.headers as Record<string, string>),
    },
    body: JSON.stringify(params),
  });
  return response.json();
}

const keyField = document.getElementById('api-key') as HTMLInputElement;
keyField.value = readApiKey() ?? '';
keyField.addEventListener('input', () => storeApiKey(keyField.value));
document.getElementById('keybar')!.addEventListener('submit', (event) => event.preventDefault());

/**
 * GraphiQL 3 starts its editors from the `query` and `variables` it stored
 * last, not from the active tab: on a fresh load the variables pane was empty
 * and the first ▶ ran ForeignCoBuilders without $province. Put the active
 * tab's (or, on a first visit, the first tab's) query and variables where
 * GraphiQL looks; with them matching the active tab, GraphiQL keeps that tab.
 */
function startEditorsFromActiveTab(first: { query: string; variables?: string | undefined } | undefined): void {
  try {
    const stored = JSON.parse(localStorage.getItem('graphiql:tabState') ?? 'null') as {
      activeTabIndex?: number;
      tabs?: { query?: string | null; variables?: string | null }[];
    } | null;
    const active = stored?.tabs?.[stored.activeTabIndex ?? 0] ?? first;
    localStorage.setItem('graphiql:query', active?.query ?? '');
    localStorage.setItem('graphiql:variables', active?.variables ?? '');
  } catch {
    // No localStorage (private mode, blocked): GraphiQL keeps nothing either.
  }
}
startEditorsFromActiveTab(tabs[0]);

createRoot(document.getElementById('root')!).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: tabs,
    defaultEditorToolsVisibility: 'variables',
    shouldPersistHeaders: false,
  }),
);
