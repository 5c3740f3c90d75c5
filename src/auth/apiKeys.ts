/**
 * API keys: how they look, how they are hashed and how roles compare. Pure
 * functions; the Cypher that stores keys is in apiKeys.cypher.ts.
 *
 * A key is `gg_<id>_<secret>`: the id (16 hex digits) finds the stored key
 * without revealing anything, the secret (32 random bytes, base64url) makes
 * it unguessable. Only the SHA-256 of the whole key is stored; with 256 bits
 * of entropy a fast hash is enough (no password-style stretching needed).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the key's id, name and role (never the key itself). */
export interface Credential {
  keyId: string;
  name: string;
  role: Role;
}

const KEY_FORMAT = /^gg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when `role` may do what `needed` allows: reader < editor < admin. */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** SHA-256 of the whole key, hex-encoded: the only form in which a key is stored. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key and its id; the key is shown once and never stored. */
export function generateKey(): { id: string; key: string; hash: string } {
  const id = randomBytes(8).toString('hex');
  const key = `gg_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashKey(key) };
}

/** The key id inside a well-formed key, or null for anything else. */
export function keyIdOf(key: string): string | null {
  return KEY_FORMAT.exec(key)?.[1] ?? null;
}

/** The key in an `Authorization: Bearer <key>` header, or null when there is none. */
export function bearerKey(header: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Compares the hash of a presented key with a stored hash in constant time.
 * A missing stored hash is compared against a dummy so that an unknown id
 * takes as long as a wrong secret.
 */
export function matchesHash(key: string, storedHash: string | null): boolean {
  const presented = Buffer.from(hashKey(key), 'hex');
  const stored = storedHash && /^[0-9a-f]{64}$/.test(storedHash) ? Buffer.from(storedHash, 'hex') : Buffer.alloc(32);
  return timingSafeEqual(presented, stored) && storedHash !== null;
}

/** How a credential is recorded in createdBy/updatedBy: the key's name and id, never the key. */
export function stampOf(credential: Credential): string {
  return `${credential.name} (key ${credential.keyId})`;
}
