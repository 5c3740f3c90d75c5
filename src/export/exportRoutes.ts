/**
 * GET /export/graph.graphml, /export/graph.gexf, /export/graph.json,
 * /export/<NodeType>.csv and /export/edges.csv, each for the whole graph or,
 * with `?around=<id>&depth=N`, for the neighbourhood of one entity; with
 * `?provenance=false`, without the SOURCED_FROM relationships.
 */
import type { GraphQLError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, requireRole } from '../auth/authenticate.js';
import { NODE_TYPES } from '../domains.js';
import type { Database } from '../neo4j/database.js';
import { MAX_EXPORT_DEPTH } from './export.cypher.js';
import { exportGraph, UnknownEntityError, type ExportScope } from './exportGraph.js';
import { edgeCsvWriter, gexfWriter, graphmlWriter, jsonWriter, nodeCsvWriter, type ExportWriter } from './formats.js';

const USAGE =
  `Exports: /export/graph.graphml, /export/graph.gexf, /export/graph.json, /export/<type>.csv with <type> one of ` +
  `${NODE_TYPES.join(', ')} or edges; add ?around=<id>&depth=1..${MAX_EXPORT_DEPTH} for one entity's neighbourhood ` +
  `and ?provenance=false to leave out the SOURCED_FROM relationships (each node then lists its source ids).`;

function fail(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The writer for a path, or null when the path names no export. */
function writerFor(name: string): { writer: ExportWriter; nodeType?: string } | null {
  if (name === 'graph.graphml') return { writer: graphmlWriter() };
  if (name === 'graph.gexf') return { writer: gexfWriter() };
  if (name === 'graph.json') return { writer: jsonWriter() };
  const csv = /^(\w+)\.csv$/.exec(name);
  if (!csv) return null;
  if (csv[1]!.toLowerCase() === 'edges') return { writer: edgeCsvWriter() };
  const nodeType = NODE_TYPES.find((type) => type.toLowerCase() === csv[1]!.toLowerCase());
  return nodeType ? { writer: nodeCsvWriter(nodeType), nodeType } : null;
}

export interface ExportOptions {
  /** Exports are reads: with GREENGRAPH_REQUIRE_KEY_FOR_READS they need a reader key too. */
  requireKeyForReads?: boolean;
}

export async function handleExport(
  db: Database,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: ExportOptions = {},
): Promise<void> {
  if (options.requireKeyForReads) {
    try {
      requireRole(await authenticate(db, req.headers.authorization), 'reader', 'Exporting the graph');
    } catch (error) {
      const code = (error as GraphQLError).extensions?.code;
      return fail(res, code === 'FORBIDDEN' ? 403 : 401, (error as Error).message);
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return fail(res, 405, 'Use GET for exports.');
  }
  const name = url.pathname.slice('/export/'.length);
  const chosen = writerFor(name);
  if (!chosen) return fail(res, 404, `No export is called "${name}". ${USAGE}`);

  const scope: ExportScope = { nodeType: chosen.nodeType };
  const provenance = url.searchParams.get('provenance');
  if (provenance !== null) {
    if (provenance !== 'true' && provenance !== 'false') {
      return fail(res, 400, `provenance must be true or false; got "${provenance}".`);
    }
    scope.provenance = provenance === 'true';
  }
  const around = url.searchParams.get('around');
  const depthText = url.searchParams.get('depth');
  if (around !== null) {
    if (!around) return fail(res, 400, `around must be an entity id. ${USAGE}`);
    const depth = depthText === null ? 1 : Number(depthText);
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_EXPORT_DEPTH) {
      return fail(res, 400, `depth must be an integer from 1 to ${MAX_EXPORT_DEPTH}; got "${depthText}".`);
    }
    scope.around = around;
    scope.depth = depth;
  } else if (depthText !== null) {
    return fail(res, 400, `depth needs around=<id>. ${USAGE}`);
  }

  const base = scope.around ? `${name.replace(/\.\w+$/, '')}-around-${scope.around.replace(/[^\w-]/g, '_')}` : name.replace(/\.\w+$/, '');
  const sink = async (chunk: string): Promise<void> => {
    if (!res.headersSent) {
      res.writeHead(200, {
        'content-type': chosen.writer.contentType,
        'content-disposition': `attachment; filename="greengraph-${base}.${chosen.writer.extension}"`,
        'cache-control': 'no-store',
      });
    }
    if (req.method === 'HEAD' || chunk === '') return;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          res.off('drain', drained);
          res.off('close', closed);
          if (error) reject(error);
          else resolve();
        };
        const drained = () => done();
        const closed = () => done(new Error('The client went away during the export.'));
        res.on('drain', drained);
        res.on('close', closed);
      });
    }
  };
  try {
    await exportGraph(db, chosen.writer, scope, sink);
    res.end();
  } catch (error) {
    if (error instanceof UnknownEntityError && !res.headersSent) return fail(res, 404, error.message);
    // Once the body has started, the only honest signal is a cut connection.
    if (res.headersSent) {
      res.destroy(error as Error);
      return;
    }
    throw error;
  }
}
