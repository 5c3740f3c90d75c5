/** GET /metrics, the Prometheus text format, to anyone or only to callers with a valid API key (GREENGRAPH_METRICS). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authentication } from '../auth/authenticate.js';
import { ErrorCode } from '../errors.js';
import { errorBody, sendJson } from '../httpAdapter.js';
import type { Metrics, MetricsAccess } from './metrics.js';

/** Answers GET /metrics with `registry`'s metrics when `access` lets the caller read them; `authenticate` checks the caller's key. */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  registry: Metrics['registry'],
  access: MetricsAccess,
  authenticate: (authorization: string | undefined) => Promise<Authentication>,
): Promise<void> {
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    return sendJson(res, 405, errorBody('Use GET for /metrics.', ErrorCode.BAD_REQUEST));
  }
  if (access === 'key') {
    const auth = await authenticate(req.headers.authorization);
    if (auth.kind === 'unavailable') {
      return sendJson(res, 503, errorBody('The API key cannot be checked: the database is unavailable.', ErrorCode.DATABASE_UNAVAILABLE));
    }
    if (auth.kind !== 'key') {
      res.setHeader('www-authenticate', 'Bearer');
      const message =
        auth.kind === 'anonymous'
          ? 'Metrics need an API key (GREENGRAPH_METRICS=key): send "Authorization: Bearer <key>".'
          : 'The API key sent is unknown, revoked or malformed; metrics need a valid key.';
      return sendJson(res, 401, errorBody(message, ErrorCode.UNAUTHENTICATED));
    }
  }
  const text = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  res.end(text);
}
