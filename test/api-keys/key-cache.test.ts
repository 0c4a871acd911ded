import { describe, expect, it } from 'vitest';
import { type CachedKey, KeyCache } from '../../src/modules/api-keys/key-cache.js';

const row = (publicId: string, orgId = 'org_a'): CachedKey => ({
  id: `key_${publicId}`,
  orgId,
  publicId,
  prefix: `klipy_api_${publicId}`,
  digest: 'ab',
  name: 'k',
  scopes: ['read'],
  kind: 'standard',
  createdBy: null,
  creatorActive: true,
  expiresAt: null,
  revokedAt: null,
  ipAllowlist: [],
  rateLimitPerMinute: null,
  org: { name: 'A', plan: 'standard', apiEnabled: true },
});

describe('KeyCache', () => {
  it('serves a row until its TTL passes', () => {
    let now = 0;
    const cache = new KeyCache({ ttlMs: 1000, now: () => now });
    cache.set(row('a'), cache.generation());
    now = 999;
    expect(cache.get('a')?.publicId).toBe('a');
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops a key on a key message and every key of an org on an org message', () => {
    const cache = new KeyCache({ ttlMs: 60_000 });
    for (const [id, org] of [
      ['a', 'org_a'],
      ['b', 'org_a'],
      ['c', 'org_c'],
    ] as const)
      cache.set(row(id, org), cache.generation());
    cache.invalidate({ kind: 'key', publicId: 'c' });
    expect(cache.get('c')).toBeUndefined();
    cache.invalidate({ kind: 'org', orgId: 'org_a' });
    expect(cache.size).toBe(0);
  });

  it('refuses a row read before an invalidation that arrived while the read was in flight', () => {
    const cache = new KeyCache({ ttlMs: 60_000 });
    const gen = cache.generation(); // miss: snapshot, then read the (soon stale) row
    cache.invalidate({ kind: 'key', publicId: 'a' }); // a revoke commits and publishes meanwhile
    expect(cache.set(row('a'), gen)).toBe(false);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set(row('a'), cache.generation())).toBe(true);
  });

  it('caches nothing with a TTL of 0, and stays bounded', () => {
    const off = new KeyCache({ ttlMs: 0 });
    expect(off.set(row('a'), off.generation())).toBe(false);
    const small = new KeyCache({ ttlMs: 60_000, maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) small.set(row(id), small.generation());
    expect(small.size).toBe(2);
    expect(small.get('a')).toBeUndefined();
    small.clear();
    expect(small.size).toBe(0);
  });
});
