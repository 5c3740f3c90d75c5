/**
 * The change feed behind the graphChanged subscription: one poller per
 * process reads the change log (never in-process events alone, so that
 * changes written by other replicas, or before a restart, reach subscribers
 * too) and fans each change out to the subscribers. A subscriber that gives
 * `after` first catches up from the log by itself, then joins the live
 * stream; each subscriber remembers the last seq it was given, so nothing
 * is sent twice or skipped.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import { changeSignals, cursorExpired, decodeChangeCursor, type ChangeRow } from './changeLog.js';
import { changesAfterCypher, lastSeqCypher } from './changeLog.cypher.js';
import type { Database, Row } from '../neo4j/database.js';
import { toPlain } from '../neo4j/records.js';

/** How many unread changes a subscriber may have waiting before it is ended (GREENGRAPH_CHANGE_MAX_QUEUED). */
export const DEFAULT_MAX_QUEUED = 10_000;

export interface ChangeFeedOptions {
  /** How often the log is read while someone listens (GREENGRAPH_CHANGE_POLL_MS). */
  pollMs: number;
  /** Changes read per statement, polling or catching up. */
  pageSize?: number;
  /** A subscriber that falls this far behind (unread changes) is ended; it reconnects with its cursor. */
  maxQueued?: number;
  logError?: (message: string, error: unknown) => void;
}

/** One subscriber: its filter, the last seq it was given and the changes waiting for it. */
class Subscriber implements AsyncIterableIterator<ChangeRow> {
  queue: ChangeRow[] = [];
  catchingUp = true;
  ended = false;
  failure: Error | null = null;
  private waiting: ((result: IteratorResult<ChangeRow>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;

  constructor(
    public lastSeq: number,
    private readonly types: ReadonlySet<string> | null,
    private readonly maxQueued: number,
    private readonly onEnd: (subscriber: Subscriber) => void,
  ) {}

  keeps(change: ChangeRow): boolean {
    return this.types === null || this.types.has(change.entityType ?? '') || this.types.has(change.edgeType ?? '');
  }

  /** Offers changes in seq order; those at or below lastSeq were given already. */
  offer(changes: readonly ChangeRow[]): void {
    for (const change of changes) {
      if (this.ended || change.seq <= this.lastSeq) continue;
      this.lastSeq = change.seq;
      if (!this.keeps(change)) continue;
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = this.failWaiting = null;
        resolve({ value: change, done: false });
      } else if (this.queue.length >= this.maxQueued) {
        this.fail(
          new GraphQLError(`This subscriber fell more than ${this.maxQueued} changes behind and was ended; subscribe again with the last cursor it received.`, {
            extensions: { code: ErrorCode.SUBSCRIBER_TOO_SLOW, maxQueued: this.maxQueued },
          }),
        );
        return;
      } else {
        this.queue.push(change);
      }
    }
  }

  fail(error: Error): void {
    if (this.ended) return;
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = this.failWaiting = null;
      this.end();
      reject(error);
    } else {
      this.failure = error;
    }
  }

  next(): Promise<IteratorResult<ChangeRow>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.failure) {
      const error = this.failure;
      this.failure = null;
      this.end();
      return Promise.reject(error);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<ChangeRow>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    const resolve = this.waiting;
    this.waiting = this.failWaiting = null;
    resolve?.({ value: undefined, done: true });
    this.onEnd(this);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ChangeRow> {
    return this;
  }
}

export class ChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  /** The last seq the poller has read (and offered to every live subscriber); null until it first reads. */
  private lastSeen: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private closed = false;
  private readonly pageSize: number;
  private readonly maxQueued: number;
  private readonly wake = () => this.pollSoon();

  constructor(
    private readonly db: Database,
    private readonly options: ChangeFeedOptions,
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    changeSignals.on('committed', this.wake);
  }

  /** How many subscribers are connected. */
  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Changes the slowest subscriber has not been sent yet: those waiting in
   * its queue, plus those the poller has read past its last one (a
   * subscriber still catching up from the log). 0 with no subscriber.
   */
  get lag(): number {
    let lag = 0;
    for (const subscriber of this.subscribers) {
      const behind = this.lastSeen === null ? 0 : Math.max(0, this.lastSeen - subscriber.lastSeq);
      lag = Math.max(lag, subscriber.queue.length + behind);
    }
    return lag;
  }

  /**
   * A subscription: every change after `cursor` (none: after the last
   * committed now) kept by `types`. Throws BAD_USER_INPUT for a malformed
   * cursor and CHANGE_CURSOR_EXPIRED for one older than the retention.
   */
  async subscribe(cursor: string | null | undefined, types: string[] | null): Promise<AsyncIterableIterator<ChangeRow>> {
    const after = cursor ? decodeChangeCursor(cursor) : null;
    const [state] = await this.db.read(lastSeqCypher);
    const prunedBelow = Number(state?.prunedBelow ?? 1);
    if (cursor && after !== null && after < prunedBelow - 1) throw cursorExpired(cursor, prunedBelow);
    const start = after ?? Number(state?.last ?? 0);
    const subscriber = new Subscriber(start, types ? new Set(types) : null, this.maxQueued, (s) => this.subscribers.delete(s));
    if (this.closed) {
      subscriber.end();
      return subscriber;
    }
    this.subscribers.add(subscriber);
    this.startTimer();
    void this.catchUp(subscriber);
    return subscriber;
  }

  /** Ends every subscription and stops polling. */
  close(): void {
    this.closed = true;
    changeSignals.off('committed', this.wake);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const subscriber of [...this.subscribers]) subscriber.end();
  }

  /** Reads the changes after seq `after`, unfiltered: only the run without gaps (seqs are dense; a gap is a commit not yet visible). */
  private async read(after: number): Promise<{ changes: ChangeRow[]; full: boolean }> {
    const [row] = await this.db.read(changesAfterCypher, { after, limit: this.pageSize, types: null });
    const all = ((row?.changes as Row[] | undefined) ?? []).map((c) => ({ ...(toPlain(c) as ChangeRow), seq: Number(c.seq) }));
    const prunedBelow = Number(row?.prunedBelow ?? 1);
    let expected = Math.max(after + 1, prunedBelow);
    const changes: ChangeRow[] = [];
    for (const change of all) {
      if (change.seq !== expected) break;
      changes.push(change);
      expected += 1;
    }
    return { changes, full: changes.length === this.pageSize };
  }

  /** Brings one subscriber up to the poller's position from the log, then makes it live. */
  private async catchUp(subscriber: Subscriber): Promise<void> {
    try {
      for (;;) {
        if (subscriber.ended) return;
        const { changes, full } = await this.read(subscriber.lastSeq);
        subscriber.offer(changes);
        // Live once it has read all the poller has; no await between this check and the switch.
        if (!full && this.lastSeen !== null && subscriber.lastSeq >= this.lastSeen) {
          subscriber.catchingUp = false;
          return;
        }
        if (!full && this.lastSeen === null) await this.pollNow();
      }
    } catch (error) {
      this.options.logError?.('change feed: catching up failed', error);
      subscriber.fail(
        new GraphQLError('The change feed could not read the change log; subscribe again with the last cursor received.', {
          extensions: { code: ErrorCode.CHANGE_FEED_INTERRUPTED },
        }),
      );
    }
  }

  private startTimer(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.pollSoon(), this.options.pollMs);
    this.timer.unref();
    this.pollSoon();
  }

  private pollSoon(): void {
    if (this.closed || this.subscribers.size === 0) return;
    void this.pollNow();
  }

  /** One poll at a time; a wake-up during a poll polls again after it. */
  private pollNow(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = (async () => {
      try {
        do {
          this.pollAgain = false;
          await this.poll();
        } while (this.pollAgain && !this.closed);
      } catch (error) {
        this.options.logError?.('change feed: polling failed', error);
      } finally {
        this.polling = null;
      }
    })();
    return this.polling;
  }

  private async poll(): Promise<void> {
    if (this.subscribers.size === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      // Nobody listens: the position is read afresh by the next poll.
      this.lastSeen = null;
      return;
    }
    if (this.lastSeen === null) {
      const [state] = await this.db.read(lastSeqCypher);
      // Start from the oldest position any subscriber needs, so that none waits on a read it cannot get.
      const lowest = Math.min(...[...this.subscribers].filter((s) => !s.catchingUp).map((s) => s.lastSeq), Number(state?.last ?? 0));
      this.lastSeen = lowest;
    }
    for (;;) {
      const { changes, full } = await this.read(this.lastSeen);
      if (changes.length) {
        for (const subscriber of this.subscribers) if (!subscriber.catchingUp) subscriber.offer(changes);
        this.lastSeen = changes.at(-1)!.seq;
      }
      if (!full) return;
    }
  }
}
