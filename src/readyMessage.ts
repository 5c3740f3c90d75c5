/**
 * What `npm start` says last, once the database is migrated and seeded: one
 * block with every address a person needs, instead of URLs scattered through
 * the start-up log.
 */

/** The addresses the API serves, by what they are for. */
export interface ServiceUrls {
  graphql: string;
  playground: string;
  explorer: string;
  export: string;
  ready: string;
}

export function serviceUrls(base: string): ServiceUrls {
  return {
    graphql: `${base}/graphql`,
    playground: `${base}/playground`,
    explorer: `${base}/explorer`,
    export: `${base}/export/graph.graphml`,
    ready: `${base}/ready`,
  };
}

/** The block: a title line, then one aligned line per address. */
export function readyMessage(urls: ServiceUrls): string {
  const rows: [string, string][] = [
    ['GraphQL', urls.graphql],
    ['Playground', urls.playground],
    ['Explorer', urls.explorer],
    ['Export', `${urls.export}  (also graph.json, <type>.csv, edges.csv)`],
    ['Ready', urls.ready],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return ['greengraph is ready', ...rows.map(([label, url]) => `  ${label.padEnd(width)}  ${url}`)].join('\n');
}
