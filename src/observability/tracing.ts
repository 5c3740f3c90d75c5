/**
 * OpenTelemetry traces: a span per GraphQL request and a child span per
 * Cypher statement. Hot code uses `@opentelemetry/api` only: until a tracer
 * provider is registered, its tracer hands out non-recording spans and
 * greengraph sets no attribute on them, so tracing off costs a no-op call
 * per request and per statement. `startTracing` registers the SDK, and
 * exports over OTLP/HTTP, only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 *
 * Spans never carry parameter values nor the statement text: a statement
 * span says which database system, whether it read or wrote, and the
 * statement's first clause (MATCH, UNWIND, CALL, …).
 */
import { SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';

/** The tracer of greengraph's spans, resolved through the global provider at each call. */
export const tracer = trace.getTracer('greengraph');

/** The name of a request's span. */
export const REQUEST_SPAN = 'graphql.request';

const requestSpanOptions = { kind: SpanKind.SERVER } as const;
const statementSpanOptions = { kind: SpanKind.CLIENT } as const;

/** Starts the span of one HTTP request to /graphql; the request plugin adds its attributes. */
export const startRequestSpan = (): Span => tracer.startSpan(REQUEST_SPAN, requestSpanOptions);

/** The first clause of a statement (MATCH, UNWIND, CALL, …), skipping comments; never a value. */
export function firstClause(cypher: string): string {
  const match = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*([A-Za-z]+)/.exec(cypher);
  return match ? match[1]!.toUpperCase() : 'UNKNOWN';
}

/**
 * Starts the span of one Cypher statement, child of `parent` (the request's
 * span, when it records) or of the active context.
 */
export function startStatementSpan(mode: 'read' | 'write', cypher: string, database: string | null, parent: Context | undefined): Span {
  const span = tracer.startSpan('neo4j.statement', statementSpanOptions, parent);
  if (span.isRecording()) {
    const clause = firstClause(cypher);
    span.updateName(`neo4j ${mode} ${clause}`);
    span.setAttribute('db.system', 'neo4j');
    span.setAttribute('db.system.name', 'neo4j');
    span.setAttribute('db.operation', mode);
    span.setAttribute('db.operation.name', clause);
    if (database) span.setAttribute('db.namespace', database);
  }
  return span;
}

/** Ends a span, marking it failed with the error's code (never its message, which may quote values). */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined && span.isRecording()) {
    const code = (error as { code?: unknown; extensions?: { code?: unknown } } | null)?.extensions?.code ?? (error as { code?: unknown } | null)?.code;
    span.setStatus({ code: SpanStatusCode.ERROR, ...(typeof code === 'string' ? { message: code } : {}) });
    if (typeof code === 'string') span.setAttribute('error.type', code);
  }
  span.end();
}

export interface Tracing {
  /** Exports the spans still buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK and exports spans over OTLP/HTTP in
 * batches when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads it,
 * and OTEL_EXPORTER_OTLP_HEADERS, itself); returns null and loads nothing
 * otherwise. The service is named by OTEL_SERVICE_NAME, greengraph by default.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<Tracing | null> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()) return null;
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || 'greengraph' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
