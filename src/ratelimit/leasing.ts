import type { Redis } from 'ioredis';
import { toDecision } from './decide.js';
import type { RedisLimiter } from './redis.js';
import { type LeaseGrant, leaseHits } from './redis-lease.js';
import { policyKey } from './redis-shared.js';
import type { LimitDecision, Limiter, Policy } from './types.js';

export interface LeasingOptions {
  /** How long a node may spend a lease after asking for it (ms). */
  horizonMs?: number;
  /** Below this much room in a policy, Redis decides every request itself. */
  minRoom?: number;
  /** The most hits one lease may hold. */
  maxLease?: number;
}

interface Lease {
  grant: LeaseGrant;
  /** Granted members are `${prefix}${j}`, j = 1…granted. */
  prefix: string;
  spent: number;
  /** performance.now() when the grant arrived, and after which nothing more is spent. */
  receivedAt: number;
  deadline: number;
}

/** One set of policies (a key and its organization, with their limits). */
interface Counter {
  policies: readonly Policy[];
  lease: Lease | null;
  /** The lease call in flight: resolves to a rejection when it found no room, else null. */
  pending: Promise<LimitDecision | null> | null;
  /** Checks that arrived while a call was in flight: demand the next lease should cover. */
  arrivals: number;
  lastUsed: number;
}

const unspent = (l: Lease): string[] =>
  Array.from({ length: l.grant.granted - l.spent }, (_, i) => `${l.prefix}${l.spent + i + 1}`);

/**
 * Redis with leased budgets: the hot path of an API request makes no Redis call.
 *
 * A node asks Redis (one script, redis-lease.ts) for up to `want` hits at once on all of
 * a request's policies; Redis counts them straight away and the node spends them on its
 * next requests for the same key and organization, until they run out or `horizonMs`
 * after it asked. Exact across nodes in the sense the sliding log promises: every hit a
 * node spends was counted in Redis before it was spent and stays counted for a full
 * window after the latest moment it could be spent, and Redis never counts more than
 * `limit`, so no window ever admits more than `limit`. What it costs is the other side:
 * hits leased and not yet spent are held from other nodes until they are given back (on
 * the node's next call, or by a sweep once the horizon passes), so a node may be refused
 * while another holds spare hits. That is kept small: a lease is at most a quarter of the
 * room left, sized to the demand seen, and below `minRoom` of room every request is
 * decided by Redis alone, one by one, exactly as `RedisLimiter` does.
 *
 * Only `cost` 1 is leased; peeks and larger costs go straight to Redis.
 */
export class LeasingLimiter implements Limiter {
  readonly backend = 'redis' as const;
  private readonly counters = new Map<string, Counter>();
  private readonly horizonMs: number;
  private readonly minRoom: number;
  private readonly maxLease: number;
  private readonly timer: NodeJS.Timeout;
  /** Lease calls made (for tests and the benchmark). */
  calls = 0;

  constructor(
    readonly primary: RedisLimiter,
    opts: LeasingOptions = {},
  ) {
    this.horizonMs = opts.horizonMs ?? 500;
    this.minRoom = opts.minRoom ?? 64;
    this.maxLease = opts.maxLease ?? 1_000;
    this.timer = setInterval(() => void this.sweep(), this.horizonMs);
    this.timer.unref();
  }

  async check(policies: readonly Policy[], cost = 1): Promise<LimitDecision> {
    if (cost === 0 && policies.length > 0) return this.withOwnLeases(await this.primary.check(policies, 0));
    if (cost !== 1 || policies.length === 0) return this.primary.check(policies, cost);
    const id = policies.map((p) => `${p.name}:${p.id}:${p.limit}:${p.windowMs}`).join('|');
    let c = this.counters.get(id);
    if (!c) {
      c = { policies, lease: null, pending: null, arrivals: 0, lastUsed: 0 };
      this.counters.set(id, c);
    }
    c.lastUsed = performance.now();
    for (;;) {
      const local = this.spend(c);
      if (local) return local;
      if (c.pending) c.arrivals++;
      else c.pending = this.renew(c);
      const rejected = await c.pending;
      // Refused: no room when Redis looked, which was after this check arrived.
      if (rejected) return rejected;
    }
  }

  /**
   * A peek as this node sees it: Redis counts the hits this node leased and has not spent,
   * yet they are still this node's to spend, so they go back into `remaining` (the
   * console's headroom). Other nodes' unspent leases stay counted: at most a quarter of
   * the room each, given back within a horizon.
   */
  private withOwnLeases(peek: LimitDecision): LimitDecision {
    const at = performance.now();
    const held = new Map<string, number>();
    for (const c of this.counters.values()) {
      const l = c.lease;
      if (!l || at >= l.deadline || l.spent >= l.grant.granted) continue;
      for (const p of c.policies) {
        const id = `${p.name}:${p.id}`;
        held.set(id, (held.get(id) ?? 0) + l.grant.granted - l.spent);
      }
    }
    if (held.size === 0) return peek;
    const states = peek.states.map((s) => ({
      ...s,
      remaining: Math.min(s.limit, s.remaining + (held.get(`${s.name}:${s.id}`) ?? 0)),
    }));
    if (peek.allowed || !states.every((s) => s.remaining >= 1)) return { ...peek, states };
    return { allowed: true, now: peek.now, states, retryAfterMs: 0 };
  }

  /** Admits from the counter's lease when it has a hit left and is within its horizon. */
  private spend(c: Counter): LimitDecision | null {
    const l = c.lease;
    if (!l || l.spent >= l.grant.granted) return null;
    const at = performance.now();
    if (at >= l.deadline) return null;
    const { grant } = l;
    const tallies = grant.tallies.map((t) => ({
      ...t,
      before: t.before + l.spent,
      oldestAt: t.oldestAt ?? (grant.granted > 1 ? grant.now + this.horizonMs : grant.now),
    }));
    l.spent++;
    return toDecision(grant.now + (at - l.receivedAt), c.policies, tallies, 1);
  }

  /** One lease call; gives back the rest of the previous lease in the same round trip. */
  private async renew(c: Counter): Promise<LimitDecision | null> {
    const sentAt = performance.now();
    const previous = c.lease;
    c.lease = null; // its rest is being given back: never spend it from here on
    const want = Math.min(
      this.maxLease,
      Math.max(1, c.arrivals + 1, previous ? demand(previous, sentAt, this.horizonMs) : 1),
    );
    c.arrivals = 0;
    const nonce = this.primary.nextNonce();
    this.calls++;
    try {
      const grant = await leaseHits(this.primary.client, this.primary.prefix, {
        policies: c.policies,
        want,
        nonce,
        horizonMs: this.horizonMs,
        minRoom: this.minRoom,
        release: previous ? unspent(previous) : [],
      });
      if (grant.granted === 0) return toDecision(grant.now, c.policies, grant.tallies, 1);
      const receivedAt = performance.now();
      c.lease = {
        grant,
        prefix: `${grant.now}:${nonce}:`,
        spent: 0,
        receivedAt,
        deadline: sentAt + this.horizonMs,
      };
      return null;
    } finally {
      c.pending = null;
    }
  }

  /** Gives back leases that expired unspent and forgets idle counters. */
  private async sweep(): Promise<void> {
    const at = performance.now();
    let pipeline: ReturnType<Redis['pipeline']> | undefined;
    for (const [id, c] of this.counters) {
      if (c.pending) continue;
      const l = c.lease;
      if (l && at >= l.deadline) {
        c.lease = null;
        const members = unspent(l);
        if (members.length > 0) {
          pipeline ??= this.primary.client.pipeline();
          for (const p of c.policies) pipeline.zrem(policyKey(this.primary.prefix, p), ...members);
        }
      }
      if (!c.lease && at - c.lastUsed > 60_000) this.counters.delete(id);
    }
    // Best effort: what is not given back leaves the window on its own.
    await pipeline?.exec().catch(() => {});
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const c of this.counters.values()) if (c.lease) c.lease.deadline = 0;
    await this.sweep();
    await this.primary.close();
  }
}

/** Hits the counter will likely spend in one horizon, from how the last lease went. */
function demand(l: Lease, now: number, horizonMs: number): number {
  if (l.spent < l.grant.granted) return l.spent; // it outlived its demand
  return Math.ceil((l.spent * horizonMs) / Math.max(1, now - l.receivedAt));
}
