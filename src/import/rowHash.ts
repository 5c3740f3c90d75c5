/**
 * The content hash of a checked import row, stored on what the row wrote
 * (`importHash` on the entity, `importParentHash` on a company for its parent
 * link) so that importing the same row again can be recognised, and skipped,
 * with one index lookup instead of a write. Any write without a hash (a
 * mutation, retiring) removes the stored one, so a skipped row is always one
 * whose facts are exactly as that row would write them.
 */
import { hash } from 'node:crypto';
import type { ImportKind } from '../domains.js';

/**
 * Bump when the write Cypher changes what a row writes, or the row checks
 * change what they accept, so that earlier hashes and unchanged-file stamps
 * (unchangedFiles.ts) stop matching.
 */
export const ROW_HASH_VERSION = 1;

/** Hash of a checked row of `kind` (for companies, the whole row including the parent link). */
export function rowHash(kind: ImportKind, row: unknown): string {
  // One-shot crypto.hash (Node ≥ 20.12): the same SHA-256 as createHash without a Hash object per row.
  return hash('sha256', `${ROW_HASH_VERSION}\u0000${kind}\u0000${JSON.stringify(row)}`, 'base64url').slice(0, 22);
}
