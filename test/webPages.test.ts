/**
 * How the API serves the bundled pages, without a browser: the redirect from
 * /graphql, the Content-Security-Policy that keeps the pages offline, and
 * assets that cannot be used to read other files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../web/build.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
let base: string;

beforeAll(async () => {
  await ensureWebBuilt({ log: () => undefined });
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
});

describe('web pages', () => {
  it('serves the playground and the explorer with a same-origin-only policy', async () => {
    for (const path of ['/playground', '/explorer']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
      const html = await response.text();
      expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThan(0);
      const first = await fetch(`${base}${assets[0]}`);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('redirects a browser opening /graphql, but not GraphQL clients', async () => {
    const browser = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/playground');
    const client = await fetch(`${base}/graphql?query=${encodeURIComponent('{ stats { parks } }')}`, {
      headers: { accept: 'text/html, application/json', 'apollo-require-preflight': 'true' },
      redirect: 'manual',
    });
    expect(client.status).toBe(200);
  });

  it('serves only its own flat asset names', async () => {
    for (const path of ['/assets/..%2F..%2Fpackage.json', '/assets/../../package.json', '/assets/nope.js']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(404);
    }
    expect((await fetch(`${base}/playground`, { method: 'POST' })).status).toBe(405);
  });
});
