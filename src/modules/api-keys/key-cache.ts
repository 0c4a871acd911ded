/**
 * In-process cache of key rows (with their organization's plan and API flag), by public id.
 *
 * Usage:
 *   const hit = cache.get(publicId);
 *   if (!hit) { const gen = cache.generation(); const row = await load(); cache.set(row, gen); }
 *   bus.subscribe((msg) => cache.invalidate(msg));   // done once in createDeps
 *
 * Correctness: every key mutation publishes `{kind:'key'}` after commit, org changes
 * publish `{kind:'org'}`; both drop entries. Race guard: a miss snapshots the generation
 * before reading the row, and `set` refuses the row when any invalidation arrived since,
 * so a row read before a concurrent revoke committed is never cached after its
 * invalidation. The TTL bounds staleness should a cross-node message be lost.
 *
 * Negative entries: a public id the database did not know is remembered too (bounded,
 * same TTL), so an unknown id costs no database query the next time and is answered in
 * the time a known id with a wrong secret takes. Creating a key publishes
 * `{kind:'key', publicId}`, which drops a negative entry for that id on every node.
 */
import type { Plan } from '../orgs/roles.js';

/** What verification needs about a key: never the plaintext. */
export interface CachedKey {
  id: string;
  orgId: string;
  publicId: string;
  prefix: string;
  digest: string;
  name: string;
  scopes: string[];
  kind: 'standard' | 'playground';
  createdBy: string | null;
  /** False when the key's creator no longer belongs to the organization: the key is dead. */
  creatorActive: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** CIDR ranges (normal form) the key may be used from; empty: any address. */
  ipAllowlist: string[];
  /** The key's own requests per minute; null: the plan's per-key limit. */
  rateLimitPerMinute: number | null;
  org: { name: string; plan: Plan; apiEnabled: boolean };
}

export type KeyInvalidation = { kind: 'key'; publicId: string } | { kind: 'org'; orgId: string };

export interface KeyCacheOptions {
  ttlMs: number;
  maxEntries?: number;
  /** Milliseconds now; injectable for tests. */
  now?: () => number;
}

/** Bounded, TTL'd map of public id → key row; see the file comment for the invalidation rules. */
export class KeyCache {
  private readonly entries = new Map<string, { key: CachedKey; storedAt: number }>();
  private readonly unknown = new Map<string, number>();
  private gen = 0;
  /** While the bus is degraded nothing is served from or stored in the cache. */
  private bypassed = false;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(opts: KeyCacheOptions) {
    this.ttlMs = opts.ttlMs;
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** A cached row younger than the TTL, else undefined. */
  get(publicId: string): CachedKey | undefined {
    if (this.bypassed) return undefined;
    const entry = this.entries.get(publicId);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(publicId);
      return undefined;
    }
    return entry.key;
  }

  /** True when the database recently said it has no key with this public id. */
  isUnknown(publicId: string): boolean {
    if (this.bypassed) return false;
    const storedAt = this.unknown.get(publicId);
    if (storedAt === undefined) return false;
    if (this.now() - storedAt >= this.ttlMs) {
      this.unknown.delete(publicId);
      return false;
    }
    return true;
  }

  /** Remembers that no key has this public id (read after `generation()` returned `gen`). */
  setUnknown(publicId: string, gen: number): boolean {
    if (gen !== this.gen || this.ttlMs <= 0 || this.bypassed) return false;
    if (this.unknown.size >= this.maxEntries) {
      const oldest = this.unknown.keys().next();
      if (!oldest.done) this.unknown.delete(oldest.value);
    }
    this.unknown.set(publicId, this.now());
    return true;
  }

  /** Snapshot to take before reading a row from the database. */
  generation(): number {
    return this.gen;
  }

  /** Caches a row read after `generation()` returned `gen`; false when it may be stale. */
  set(key: CachedKey, gen: number): boolean {
    if (gen !== this.gen || this.ttlMs <= 0 || this.bypassed) return false;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key.publicId, { key, storedAt: this.now() });
    return true;
  }

  /** Drops what a bus message names, and makes in-flight misses discard their rows. */
  invalidate(msg: KeyInvalidation): void {
    this.gen++;
    if (msg.kind === 'key') {
      this.entries.delete(msg.publicId);
      this.unknown.delete(msg.publicId);
      return;
    }
    for (const [publicId, entry] of this.entries) {
      if (entry.key.orgId === msg.orgId) this.entries.delete(publicId);
    }
  }

  /** Drops everything (e.g. after the bus reconnected and may have missed messages). */
  clear(): void {
    this.gen++;
    this.entries.clear();
    this.unknown.clear();
  }

  /**
   * Bypass on: drop everything and verify every key against the database until it is
   * turned off — for while the invalidation bus is down and a revocation on another node
   * would go unheard. Bypass off: start afresh (messages were missed meanwhile).
   */
  bypass(on: boolean): void {
    this.bypassed = on;
    this.clear();
  }

  get bypassing(): boolean {
    return this.bypassed;
  }

  get size(): number {
    return this.entries.size;
  }
}
