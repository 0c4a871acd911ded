import type { LimitDecision, Policy, PolicyState } from './types.js';

/**
 * Per-policy facts a backend gathers under its lock, after dropping expired hits. The
 * Redis script and the PostgreSQL function return exactly these, so every backend shares
 * `toDecision()`.
 */
export interface PolicyTally {
  /** Hits still in the window before this request (hit at `t` counts while `now < t + windowMs`). */
  before: number;
  /** Oldest hit still in the window (before this request), or null. */
  oldestAt: number | null;
  /**
   * When this policy blocks the request: the hit whose expiry makes room for it
   * (the `(before + need - limit)`-th oldest), or null if it never fits (`need > limit`).
   */
  unblockHitAt: number | null;
}

/** Room a request needs: a peek (`cost` 0) needs room for one hit but counts none. */
export const roomNeeded = (cost: number): number => Math.max(cost, 1);

/** Validates `cost`; every backend calls it before touching storage. */
export function assertCost(cost: number): void {
  if (!Number.isInteger(cost) || cost < 0)
    throw new RangeError(`cost must be a non-negative integer, got ${cost}`);
}

/** Turns the tallies a backend gathered into the decision (pure). */
export function toDecision(
  now: number,
  policies: readonly Policy[],
  tallies: readonly PolicyTally[],
  cost: number,
): LimitDecision {
  const need = roomNeeded(cost);
  const allowed = policies.every((p, i) => tallies[i]!.before + need <= p.limit);
  let retryAfterMs = 0;
  let rejectedBy: Policy['name'] | undefined;
  const states: PolicyState[] = policies.map((p, i) => {
    const t = tallies[i]!;
    const counted = t.before + (allowed ? cost : 0);
    const oldest = t.oldestAt ?? (allowed && cost > 0 ? now : null);
    if (!allowed && t.before + need > p.limit) {
      // Never fits (cost above the limit): say "a full window", the longest honest wait.
      const wait = t.unblockHitAt === null ? p.windowMs : t.unblockHitAt + p.windowMs - now;
      if (rejectedBy === undefined || wait > retryAfterMs) {
        retryAfterMs = wait;
        rejectedBy = p.name;
      }
    }
    return {
      name: p.name,
      id: p.id,
      limit: p.limit,
      windowMs: p.windowMs,
      remaining: Math.max(0, p.limit - counted),
      resetAt: oldest === null ? now : oldest + p.windowMs,
    };
  });
  return allowed
    ? { allowed, now, states, retryAfterMs: 0 }
    : { allowed, now, states, rejectedBy, retryAfterMs };
}

/** Drops hits that left the window: a hit at `t` counts while `now < t + windowMs`. */
export const liveHits = (log: readonly number[], now: number, windowMs: number): number[] =>
  log.filter((t) => t > now - windowMs);

/**
 * The whole sliding-log algorithm on in-memory logs (pure). `logs[i]` holds the hit
 * times (epoch ms, ascending) of `policies[i]`. Returns the decision and the new logs
 * (trimmed, plus `cost` hits at `now` when admitted) for the caller to store.
 */
export function decide(
  now: number,
  policies: readonly Policy[],
  logs: readonly (readonly number[])[],
  cost = 1,
): { decision: LimitDecision; logs: number[][] } {
  assertCost(cost);
  const need = roomNeeded(cost);
  const live = policies.map((p, i) => liveHits(logs[i] ?? [], now, p.windowMs));
  const tallies: PolicyTally[] = policies.map((p, i) => {
    const hits = live[i]!;
    const excess = hits.length + need - p.limit;
    return {
      before: hits.length,
      oldestAt: hits[0] ?? null,
      unblockHitAt: excess <= 0 ? null : need > p.limit ? null : hits[excess - 1]!,
    };
  });
  const decision = toDecision(now, policies, tallies, cost);
  const next = decision.allowed ? live.map((hits) => hits.concat(Array<number>(cost).fill(now))) : live;
  return { decision, logs: next };
}
