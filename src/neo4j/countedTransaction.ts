/**
 * Managed transactions as `Database` hands them to its callers: every
 * statement run in one is counted (round trips, metrics) and traced.
 */
import type { Context as TraceContext } from '@opentelemetry/api';
import type { ManagedTransaction, Result } from 'neo4j-driver';
import { endSpan, startStatementSpan } from '../observability/tracing.js';
import type { RoundTripCounter, StatementObserver } from './database.js';

/**
 * A transaction whose statements are counted (round trips, metrics) and
 * traced. A statement in a transaction ends when its result has been read,
 * which the caller does by awaiting it or iterating over it (exports
 * stream): `whenRead` watches both without reading anything itself.
 */
export function countRuns(
  tx: ManagedTransaction,
  mode: 'read' | 'write',
  counter: RoundTripCounter | undefined,
  observer: StatementObserver | undefined,
  database: string | null,
  traceParent: () => TraceContext | undefined,
): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === 'run') {
        return (...args: Parameters<ManagedTransaction['run']>) => {
          if (counter) counter.roundTrips += 1;
          const started = observer ? performance.now() : 0;
          const span = startStatementSpan(mode, args[0] as string, database, traceParent());
          return whenRead(target.run(...args), (error) => {
            observer?.statement(mode, (performance.now() - started) / 1000);
            endSpan(span, error);
          });
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The result, telling `done` once, when the caller has read it to its end
 * or it failed: by awaiting it (then, catch, finally) or by iterating over
 * it. A result never read to its end is never reported.
 */
function whenRead<R extends Result>(result: R, done: (error?: unknown) => void): R {
  let reported = false;
  const report = (error?: unknown) => {
    if (reported) return;
    reported = true;
    done(error);
  };
  return new Proxy(result, {
    get(target, property, receiver) {
      if (property === 'then') {
        return (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) =>
          target.then(
            (value) => {
              report();
              return onFulfilled ? onFulfilled(value) : value;
            },
            (error: unknown) => {
              report(error);
              if (onRejected) return onRejected(error);
              throw error;
            },
          );
      }
      if (property === 'catch') {
        return (onRejected?: (reason: unknown) => unknown) => (receiver as R).then(undefined, onRejected);
      }
      if (property === 'finally') {
        return (onFinally?: () => void) => (receiver as R).then(undefined, undefined).finally(onFinally);
      }
      if (property === Symbol.asyncIterator) {
        return () => {
          const iterator = target[Symbol.asyncIterator]();
          return {
            async next() {
              try {
                const step = await iterator.next();
                if (step.done) report();
                return step;
              } catch (error) {
                report(error);
                throw error;
              }
            },
            async return(value?: unknown) {
              report();
              return iterator.return ? iterator.return(value as never) : { done: true, value };
            },
            peek: () => iterator.peek(),
            [Symbol.asyncIterator]() {
              return this;
            },
          };
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
