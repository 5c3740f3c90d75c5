import { describe, expect, it } from 'vitest';
import { bearerKey, generateKey, hashKey, hasRole, keyIdOf, matchesHash, stampOf } from './apiKeys.js';

describe('API keys', () => {
  it('generates keys that carry their id and are stored only as a SHA-256 hash', () => {
    const { id, key, hash } = generateKey();
    expect(key).toMatch(/^gg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(keyIdOf(key)).toBe(id);
    expect(hash).toBe(hashKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key.slice(20));
  });

  it('never generates the same key twice', () => {
    expect(generateKey().key).not.toBe(generateKey().key);
  });

  it('matches a key only against its own hash', () => {
    const a = generateKey();
    const b = generateKey();
    expect(matchesHash(a.key, a.hash)).toBe(true);
    expect(matchesHash(a.key, b.hash)).toBe(false);
    expect(matchesHash(a.key, null)).toBe(false);
    expect(matchesHash(a.key, 'not a hash')).toBe(false);
  });

  it('reads the key from a Bearer header only', () => {
    expect(bearerKey('Bearer abc')).toBe('abc');
    expect(bearerKey('bearer  abc ')).toBe('abc');
    expect(bearerKey('Basic abc')).toBeNull();
    expect(bearerKey(undefined)).toBeNull();
    expect(keyIdOf('gg_short_x')).toBeNull();
  });

  it('orders roles reader < editor < admin', () => {
    expect(hasRole('admin', 'editor')).toBe(true);
    expect(hasRole('editor', 'editor')).toBe(true);
    expect(hasRole('editor', 'admin')).toBe(false);
    expect(hasRole('reader', 'editor')).toBe(false);
    expect(hasRole('reader', 'reader')).toBe(true);
  });

  it('stamps writes with the key name and id, never the key', () => {
    expect(stampOf({ keyId: '0123456789abcdef', name: 'alice', role: 'editor' })).toBe('alice (key 0123456789abcdef)');
  });
});
