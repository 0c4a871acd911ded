import { assertCost, type PolicyTally, roomNeeded, toDecision } from './decide.js';
import type { LimitDecision, Limiter, Policy } from './types.js';

/**
 * One counter's log: hit times ascending, live from `head` on. Expired hits are skipped
 * by moving `head` (no copy per request) and compacted away once they are most of the
 * array, so a check costs amortised O(1) whatever the limit.
 */
interface Entry {
  hits: number[];
  head: number;
  windowMs: number;
}

const COMPACT_AT = 1024;

export interface MemoryLimiterOptions {
  /** Time source in epoch ms (tests inject a fake one). */
  now?: () => number;
  /** How often idle counters are dropped; 0 disables the sweep timer. */
  sweepIntervalMs?: number;
}

/**
 * Single-process limiter. Exact because Node runs `check()` to completion without
 * interleaving: read, `decide()` and write happen in one synchronous step.
 */
export class MemoryLimiter implements Limiter {
  readonly backend = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(opts: MemoryLimiterOptions = {}) {
    this.now = opts.now ?? Date.now;
    const every = opts.sweepIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => this.sweep(), every);
      this.timer.unref();
    }
  }

  /**
   * Synchronous core, also used by tests. The same tallies as `decide()` (the reference
   * model its tests pin down), gathered without copying the logs.
   */
  checkSync(policies: readonly Policy[], cost = 1): LimitDecision {
    assertCost(cost);
    const now = this.now();
    const need = roomNeeded(cost);
    const entries = policies.map((p) => this.live(`${p.name}:${p.id}`, p.windowMs, now));
    const tallies: PolicyTally[] = policies.map((p, i) => {
      const e = entries[i]!;
      const before = e.hits.length - e.head;
      const excess = before + need - p.limit;
      return {
        before,
        oldestAt: e.hits[e.head] ?? null,
        unblockHitAt: excess <= 0 || need > p.limit ? null : e.hits[e.head + excess - 1]!,
      };
    });
    const decision = toDecision(now, policies, tallies, cost);
    if (decision.allowed) for (const e of entries) for (let n = 0; n < cost; n++) e.hits.push(now);
    return decision;
  }

  /** The counter's entry with expired hits skipped (created empty when missing). */
  private live(key: string, windowMs: number, now: number): Entry {
    let e = this.entries.get(key);
    if (!e) {
      e = { hits: [], head: 0, windowMs };
      this.entries.set(key, e);
    }
    e.windowMs = windowMs;
    while (e.head < e.hits.length && e.hits[e.head]! <= now - windowMs) e.head++;
    if (e.head >= COMPACT_AT && e.head * 2 >= e.hits.length) {
      e.hits = e.hits.slice(e.head);
      e.head = 0;
    }
    return e;
  }

  async check(policies: readonly Policy[], cost = 1): Promise<LimitDecision> {
    return this.checkSync(policies, cost);
  }

  /** Number of counters held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops counters whose newest hit has left its window, so memory stays bounded. */
  sweep(): void {
    const now = this.now();
    for (const [key, e] of this.entries) {
      const newest = e.hits[e.hits.length - 1];
      // Empty entries (peeks, rejected checks) and fully expired ones both go.
      if (newest === undefined || newest <= now - e.windowMs) this.entries.delete(key);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.entries.clear();
  }
}
