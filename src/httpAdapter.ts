/**
 * node:http ⇄ Apollo: reading a request body (with its size limit), turning
 * an IncomingMessage into Apollo's HTTPGraphQLRequest, and writing JSON and
 * Apollo's responses to a ServerResponse. No routing and no policy: those
 * are server.ts's.
 */
import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from './errors.js';

/** Larger request bodies are refused with 413 before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is read to its end and dropped, so that the client
    // gets the 413 instead of a reset connection.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A GraphQL-shaped error body for refusals made before Apollo sees the request. */
export function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * The request as Apollo takes it, or null once it has been answered here
 * (a body over MAX_BODY_BYTES: 413; JSON that does not parse: 400).
 */
export async function toGraphQLRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<HTTPGraphQLRequest | null> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = undefined;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, errorBody(`Request body exceeds ${MAX_BODY_BYTES} bytes.`, ErrorCode.BAD_REQUEST));
        return null;
      }
      throw error;
    }
    if (/^application\/(graphql-response\+)?json\b/i.test(headers.get('content-type') ?? '')) {
      try {
        body = JSON.parse(text);
      } catch {
        sendJson(res, 400, errorBody('The request body is not valid JSON.', ErrorCode.BAD_REQUEST));
        return null;
      }
    } else {
      body = text;
    }
  }
  return { method: req.method ?? 'GET', headers, search: url.search, body };
}

/** Writes Apollo's response: its headers (no-store unless it set a cache policy), status and body, streamed when incremental. */
export async function sendGraphQLResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-store');
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
