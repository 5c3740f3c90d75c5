/**
 * The one way the application talks to Neo4j: reads through read
 * transactions, writes through write transactions, every statement
 * parameterized, and every round trip counted so that tests and logs can see
 * how many a request took.
 */
import { context as otelContext, trace, type Context as TraceContext, type Span } from '@opentelemetry/api';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { endSpan, startStatementSpan } from '../observability/tracing.js';
import type { Neo4jConnectionConfig } from '../config.js';
import { databaseUnavailable, queryTimeout, writeConflict } from '../errors.js';
import { countRuns } from './countedTransaction.js';
import { isLockConflict, isTimeout, isUnavailable } from './driverErrors.js';
import { toParams, toPlain } from './records.js';

// What driver errors mean lives in driverErrors.ts; importers of the database find it here too.
export { isLockConflict, isTimeout, isUnavailable } from './driverErrors.js';

export type Row = Record<string, unknown>;

export interface RoundTripCounter {
  roundTrips: number;
  /** The request's trace span, parent of its statements' spans; set only while it records. */
  span?: Span;
}

/** What the metrics see of the statements a Database runs (src/observability/metrics.ts). */
export interface StatementObserver {
  sessionOpened(): void;
  sessionClosed(): void;
  /** One statement ended, after `seconds`: a read retried counts once, like its round trip. */
  statement(mode: 'read' | 'write', seconds: number): void;
}

/** How long transient failures are retried, by the driver and by `Database.read`. */
const MAX_RETRY_MS = 2_000;

/** Creates a driver for a server, a cluster (`neo4j://`) or the local instance. */
export function createDriver(config: Neo4jConnectionConfig): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 10_000,
    // Fail fast when Neo4j is gone: a request during an outage is answered
    // DATABASE_UNAVAILABLE in about 3 s instead of 8 s (test/outage.test.ts),
    // while a blip shorter than the retry window is still retried away.
    connectionTimeout: 3_000,
    maxTransactionRetryTime: MAX_RETRY_MS,
    userAgent: 'greengraph',
  });
}

async function collect(tx: ManagedTransaction, cypher: string, params: Row): Promise<Row[]> {
  const result = await tx.run(cypher, toParams(params) as Row);
  return result.records.map((record) => toPlain(record.toObject()) as Row);
}

/** The driver's back-off between retries of a managed transaction: 1 s, doubling, ±20 %. */
const retryDelayMs = (attempt: number): number => 1_000 * 2 ** attempt * (0.8 + Math.random() * 0.4);

/** A driver error as the GraphQL error a client gets, when it is one of ours. */
function translated(error: unknown, timeoutMs: number): unknown {
  if (isUnavailable(error)) return databaseUnavailable();
  if (isTimeout(error)) return queryTimeout(timeoutMs);
  if (isLockConflict(error)) return writeConflict();
  return error;
}

export class Database {
  constructor(
    readonly driver: Driver,
    readonly database: string | null,
    private readonly timeoutMs: number,
    private readonly counter?: RoundTripCounter,
    private readonly observer?: StatementObserver,
  ) {}

  /** The same database, counting round trips into `counter` (one per request). */
  withCounter(counter: RoundTripCounter): Database {
    return new Database(this.driver, this.database, this.timeoutMs, counter, this.observer);
  }

  /** The same database, telling `observer` (a server's metrics) about every statement and session. */
  observedBy(observer: StatementObserver): Database {
    return new Database(this.driver, this.database, this.timeoutMs, this.counter, observer);
  }

  /** The context statement spans start in: the request's span when it records, else the active one. */
  private traceParent(): TraceContext | undefined {
    const span = this.counter?.span;
    return span ? trace.setSpan(otelContext.active(), span) : undefined;
  }

  /**
   * Runs one read statement in a read transaction: an auto-commit one in a
   * READ session, which Neo4j runs read-only like a managed read transaction
   * (a write in it is refused with Neo.ClientError.Statement.AccessMode) and
   * a cluster routes to a reader. It costs one network exchange (RUN and
   * PULL together) where a managed transaction costs three (BEGIN, RUN+PULL,
   * COMMIT), which halves the driver's CPU per read. Transient failures are
   * retried as a managed transaction would retry them.
   */
  async read(cypher: string, params: Row = {}): Promise<Row[]> {
    if (this.counter) this.counter.roundTrips += 1;
    const started = Date.now();
    const observer = this.observer;
    const timed = observer ? performance.now() : 0;
    const span = startStatementSpan('read', cypher, this.database, this.traceParent());
    let failure: unknown;
    try {
      for (let attempt = 0; ; attempt += 1) {
        const session = this.driver.session({
          defaultAccessMode: neo4j.session.READ,
          ...(this.database ? { database: this.database } : {}),
        });
        observer?.sessionOpened();
        try {
          const result = await session.run(cypher, toParams(params) as Row, { timeout: this.timeoutMs });
          return result.records.map((record) => toPlain(record.toObject()) as Row);
        } catch (error) {
          const wait = retryDelayMs(attempt);
          if (neo4j.isRetryableError(error) && Date.now() - started + wait <= MAX_RETRY_MS) {
            await new Promise((resolve) => setTimeout(resolve, wait));
            continue;
          }
          failure = error;
          throw translated(error, this.timeoutMs);
        } finally {
          await session.close().catch(() => undefined);
          observer?.sessionClosed();
        }
      }
    } finally {
      observer?.statement('read', (performance.now() - timed) / 1000);
      endSpan(span, failure);
    }
  }

  /** Runs one write statement in a write transaction. */
  async write(cypher: string, params: Row = {}): Promise<Row[]> {
    return this.writeTransaction((tx) => collect(tx, cypher, params));
  }

  /** Runs several statements in one read transaction (one round trip each). */
  async readTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.run('READ', work);
  }

  /** Runs several statements in one write transaction: all apply, or none. */
  async writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.run('WRITE', work);
  }

  /** Resolves when a trivial query succeeds; rejects otherwise. */
  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok');
  }

  private async run<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.database ? { database: this.database } : {}),
    });
    const statementMode = mode === 'READ' ? 'read' : 'write';
    // Always watched, so that statements are traced also outside requests (the seed, migrations):
    // a transaction's statements are few next to the reads, which run outside transactions.
    const counted = (tx: ManagedTransaction): Promise<T> =>
      work(countRuns(tx, statementMode, this.counter, this.observer, this.database, () => this.traceParent()));
    this.observer?.sessionOpened();
    try {
      const config = { timeout: this.timeoutMs };
      return mode === 'READ'
        ? await session.executeRead(counted, config)
        : await session.executeWrite(counted, config);
    } catch (error) {
      throw translated(error, this.timeoutMs);
    } finally {
      await session.close().catch(() => undefined);
      this.observer?.sessionClosed();
    }
  }
}
