/**
 * Admission control: at most `maxConcurrent` requests work on Neo4j at once,
 * at most `maxQueued` wait for a turn, each for at most `maxWaitMs`; anything
 * beyond is refused at once with OVERLOADED (HTTP 503 and Retry-After), so
 * that a burst is answered or refused quickly instead of every request
 * timing out together inside Neo4j.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';

export interface AdmissionLimits {
  /** Requests working on Neo4j at once (GREENGRAPH_MAX_CONCURRENT_QUERIES). */
  maxConcurrent: number;
  /** Requests waiting for a turn (GREENGRAPH_MAX_QUEUED_QUERIES); 0 refuses as soon as all turns are taken. */
  maxQueued: number;
  /** How long a request may wait for a turn before it is refused (GREENGRAPH_QUEUE_WAIT_MS). */
  maxWaitMs: number;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = { maxConcurrent: 16, maxQueued: 64, maxWaitMs: 2_000 };

/** The code of a request refused because the server is at capacity; HTTP 503. */
export const OVERLOADED = ErrorCode.OVERLOADED;

/** Seconds a refused client is told to wait (Retry-After). */
export const RETRY_AFTER_SECONDS = 1;

/** Thrown by `admit` when the request cannot get a turn. */
export class Overloaded extends Error {
  override name = 'Overloaded';
  constructor(readonly reason: 'queue full' | 'waited too long') {
    super(`Overloaded: ${reason}`);
  }
}

/** The client-facing error of a refused request. */
export function overloadedError(limits: AdmissionLimits): GraphQLError {
  return new GraphQLError(
    `The server is at capacity (${limits.maxConcurrent} requests working, ${limits.maxQueued} waiting); retry after ${RETRY_AFTER_SECONDS} s.`,
    { extensions: { code: OVERLOADED, retryable: true, retryAfterSeconds: RETRY_AFTER_SECONDS } },
  );
}

export interface Admission {
  readonly limits: AdmissionLimits;
  /** Waits for a turn and resolves to its release function; rejects with Overloaded. */
  admit(): Promise<() => void>;
  /** Requests working and waiting right now. */
  load(): { active: number; queued: number };
}

export function createAdmission(limits: AdmissionLimits): Admission {
  let active = 0;
  const waiting: { grant: () => void }[] = [];

  const release = () => {
    const next = waiting.shift();
    // The turn passes straight to the next in line, so `active` stays the same.
    if (next) next.grant();
    else active -= 1;
  };
  const once = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };

  return {
    limits,
    load: () => ({ active, queued: waiting.length }),
    admit() {
      if (active < limits.maxConcurrent) {
        active += 1;
        return Promise.resolve(once());
      }
      if (waiting.length >= limits.maxQueued) return Promise.reject(new Overloaded('queue full'));
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => {
            clearTimeout(timer);
            resolve(once());
          },
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(new Overloaded('waited too long'));
        }, limits.maxWaitMs);
        waiting.push(entry);
      });
    },
  };
}
