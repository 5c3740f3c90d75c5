/**
 * What metrics and traces learn of one GraphQL request: server.ts starts
 * the observation when the request arrives (before admission, so that its
 * duration includes the wait for a turn), and the Apollo plugin below ends
 * it once the response is known: operation, outcome, round trips, cost.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { costOfRequest } from '../limits/queryLimits.js';
import type { RoundTripCounter } from '../neo4j/database.js';
import { UNRESOLVED_OPERATION, type Metrics, type Outcome } from './metrics.js';

export interface RequestObservation {
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** The request's span; non-recording while tracing is off. */
  span: Span;
}

/** Operation names on spans are cut to this length: enough for any real name. */
const MAX_SPAN_OPERATION_NAME = 100;

/**
 * Keyed by the context's round-trip counter rather than the context itself,
 * because Apollo hands plugins a shallow copy of the context.
 */
const observations = new WeakMap<RoundTripCounter, RequestObservation>();

/** Ties a request's context to its observation; its statements' spans become children of the request's span. */
export function attachObservation<T extends { stats: RoundTripCounter }>(context: T, observation: RequestObservation): T {
  observations.set(context.stats, observation);
  if (observation.span.isRecording()) context.stats.span = observation.span;
  return context;
}

/** Records a request that ended with `outcome`: its metrics, and its span's closing attributes (the caller ends the span). */
export function recordRequest(
  metrics: Metrics | null,
  observation: RequestObservation,
  operation: string,
  outcome: Outcome,
  roundTrips: number | null,
): void {
  metrics?.request(operation, outcome, (performance.now() - observation.startedAt) / 1000, roundTrips);
  const { span } = observation;
  if (!span.isRecording()) return;
  span.setAttribute('greengraph.outcome', outcome);
  if (roundTrips !== null) span.setAttribute('greengraph.round_trips', roundTrips);
}

/**
 * Counts each request by operation and outcome (ok when the response has
 * no error, error otherwise, with each error's code counted), its duration
 * and round trips, and puts the same on its span with its cost. The
 * operation label is the operation's name only once it parsed and
 * validated (see `operationLabels`), `unresolved` before.
 */
export function requestObservationPlugin<TContext extends { stats: RoundTripCounter }>(metrics: Metrics | null): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, operation, operationName, response }) {
          const observation = observations.get(contextValue.stats);
          if (!observation) return;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (metrics && errors) for (const error of errors) metrics.error(error.extensions?.code);
          const label = operation ? (metrics?.operationLabel(operationName) ?? UNRESOLVED_OPERATION) : UNRESOLVED_OPERATION;
          recordRequest(metrics, observation, label, errors?.length ? 'error' : 'ok', contextValue.stats.roundTrips);
          const { span } = observation;
          if (!span.isRecording()) return;
          if (operation) {
            span.setAttribute('graphql.operation.type', operation.operation);
            if (operationName) span.setAttribute('graphql.operation.name', operationName.slice(0, MAX_SPAN_OPERATION_NAME));
            span.updateName(`graphql ${operation.operation}${operationName ? ` ${operationName.slice(0, MAX_SPAN_OPERATION_NAME)}` : ''}`);
          }
          const cost = costOfRequest(request);
          if (cost !== undefined) span.setAttribute('greengraph.cost', cost);
          if (errors?.length) {
            const code = String(errors[0]!.extensions?.code ?? 'UNKNOWN');
            span.setAttribute('error.type', code);
            span.setStatus({ code: SpanStatusCode.ERROR, message: code });
          }
        },
      };
    },
  };
}
