/**
 * The change log: every writer appends what its transaction changed with
 * appendChanges(), as the last statement of the transaction; readers page
 * through it by cursor (readChanges). See changeLog.cypher.ts for how the
 * changes are found and how the sequence keeps commit order.
 */
import { GraphQLError } from 'graphql';
import type { ManagedTransaction } from 'neo4j-driver';
import { EventEmitter } from 'node:events';
import { badUserInput, ErrorCode } from '../errors.js';
import type { Database, Row } from '../neo4j/database.js';
import { toParams, toPlain } from '../neo4j/records.js';
import { appendChangesCypher, changesAfterCypher, PROVENANCE_TYPES } from './changeLog.cypher.js';

export type ChangeOp = 'CREATED' | 'UPDATED' | 'RETIRED' | 'REVIVED' | 'RETRACTED' | 'REMOVED';

/** A change as stored. */
export interface ChangeRow {
  seq: number;
  at: string;
  op: ChangeOp;
  by: string;
  importId: string | null;
  entityId: string | null;
  entityType: string | null;
  edgeType: string | null;
  from: string | null;
  to: string | null;
}

export interface AppendOptions {
  /** The writer's stamp (src/auth/apiKeys.ts stampOf, an import id, `seed`). */
  by: string;
  /** The import a batch or a retraction belongs to. */
  importId?: string | null;
  /** When the writer held its locks (WriteLocks.lockedAt); without it, when the transaction began. */
  since?: unknown;
}

/**
 * Appends the changes this transaction made to the entities `ids` (written,
 * retired, revived or retracted by it) and to their relationships. Call it
 * last in the transaction: it takes the sequence's lock, which serializes
 * writers until they commit. Returns how many changes were appended.
 */
export async function appendChanges(tx: ManagedTransaction, ids: Iterable<string | null | undefined>, options: AppendOptions): Promise<number> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (!unique.length) return 0;
  const result = await tx.run(appendChangesCypher, toParams({ ids: unique, by: options.by, importId: options.importId ?? null, since: options.since ?? null, provenance: PROVENANCE_TYPES }) as Row);
  const appended = result.records[0]?.get('appended');
  return appended === undefined ? 0 : Number(appended);
}

/**
 * Wakes this process's change feed (src/changes/changeFeed.ts) after a write
 * committed here, so that local subscribers hear of it without waiting for
 * the next poll. Changes committed by other processes arrive by polling.
 */
export const changeSignals = new EventEmitter();
export function changesCommitted(): void {
  changeSignals.emit('committed');
}

const CURSOR_PREFIX = 'change:';

/** The opaque cursor of the change with sequence number `seq`. */
export function encodeChangeCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** The sequence number a cursor stands for; BAD_USER_INPUT when it is not one of ours. */
export function decodeChangeCursor(cursor: string, argument = 'after'): number {
  const malformed = () =>
    badUserInput(`Malformed change cursor "${cursor}": pass a cursor exactly as returned in a change's cursor or pageInfo.endCursor.`, {
      argument,
      value: cursor,
      allowed: 'a change cursor returned by this API',
    });
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) throw malformed();
  const match = /^change:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw malformed();
  return Number(match[1]);
}

/** The error for a cursor whose following changes were pruned. */
export function cursorExpired(cursor: string, prunedBelow: number): GraphQLError {
  const oldest = encodeChangeCursor(Math.max(prunedBelow - 1, 0));
  return new GraphQLError(
    `The change cursor "${cursor}" is older than the change log's retention: changes before seq ${prunedBelow} were pruned. ` +
      `Read the graph again and follow changes from now, or from the oldest available cursor "${oldest}".`,
    { extensions: { code: ErrorCode.CHANGE_CURSOR_EXPIRED, oldestCursor: oldest } },
  );
}

/** At most this many types in `where.types`. */
export const MAX_CHANGE_TYPES = 50;

export function checkTypes(types: readonly string[] | null | undefined): string[] | null {
  if (types === null || types === undefined) return null;
  if (types.length > MAX_CHANGE_TYPES) {
    throw badUserInput(`where.types names ${types.length} types; at most ${MAX_CHANGE_TYPES} are allowed.`, { argument: 'where.types', value: types.length });
  }
  return [...types];
}

export interface ChangePage {
  changes: ChangeRow[];
  /** The last seq handed out when the page was read. */
  last: number;
}

/**
 * The changes after seq `after`, oldest first, at most `limit`, kept by
 * `types`. Throws CHANGE_CURSOR_EXPIRED when the log was pruned past `after`
 * (`cursor` is the client's cursor, for the message).
 */
export async function readChanges(db: Database, after: number, limit: number, types: string[] | null, cursor: string | null): Promise<ChangePage> {
  const [row] = await db.read(changesAfterCypher, { after, limit, types });
  const prunedBelow = Number(row?.prunedBelow ?? 1);
  if (cursor !== null && after < prunedBelow - 1) throw cursorExpired(cursor, prunedBelow);
  const changes = ((row?.changes as Row[] | undefined) ?? []).map((c) => toPlain(c) as ChangeRow);
  for (const change of changes) change.seq = Number(change.seq);
  return { changes, last: Number(row?.next ?? 1) - 1 };
}
