/**
 * Serves the bundled playground (/playground) and explorer (/explorer) and
 * their assets (/assets/…) from web/dist, and sends browsers that open
 * /graphql to the playground. The pages may load nothing from anywhere but
 * this server: the Content-Security-Policy says so, and the browser enforces it.
 */
import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { projectRoot } from '../projectRoot.js';

const pages: Record<string, string> = {
  '/playground': 'playground.html',
  '/playground/': 'playground.html',
  '/explorer': 'explorer.html',
  '/explorer/': 'explorer.html',
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL and cytoscape set style attributes from script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

const dist = () => join(projectRoot(), 'web', 'dist');

function send(res: ServerResponse, req: IncomingMessage, file: string, cache: string): void {
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': cache,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/** True when a browser navigates to /graphql: it gets the playground instead of a GraphQL error. */
function isBrowserVisitToGraphql(req: IncomingMessage, url: URL): boolean {
  return (
    url.pathname === '/graphql' &&
    req.method === 'GET' &&
    !url.searchParams.has('query') &&
    /\btext\/html\b/.test(req.headers.accept ?? '')
  );
}

/** Handles the request when it is for a page or an asset; resolves to false otherwise. */
export function handleWebPage(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (isBrowserVisitToGraphql(req, url)) {
    res.writeHead(302, { location: '/playground' });
    res.end();
    return true;
  }
  const page = pages[url.pathname];
  const asset = url.pathname.startsWith('/assets/') ? url.pathname.slice('/assets/'.length) : null;
  if (!page && asset === null) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Use GET.');
    return true;
  }
  if (page) {
    const file = join(dist(), page);
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The playground and explorer are not built yet: run `npm run web:build` (npm start does it for you).');
      return true;
    }
    send(res, req, file, 'no-cache');
    return true;
  }
  // Asset names are flat and content-hashed: anything else is not ours.
  const file = join(dist(), 'assets', asset!);
  if (!/^[\w.-]+$/.test(asset!) || !existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found.');
    return true;
  }
  send(res, req, file, 'public, max-age=31536000, immutable');
  return true;
}
