import { assertCost, decide } from './decide.js';
import type { LimitDecision, Limiter, Policy } from './types.js';

interface Entry {
  hits: number[];
  windowMs: number;
}

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

  /** Synchronous core, also used by tests. */
  checkSync(policies: readonly Policy[], cost = 1): LimitDecision {
    assertCost(cost);
    const now = this.now();
    const keys = policies.map((p) => `${p.name}:${p.id}`);
    const logs = keys.map((k) => this.entries.get(k)?.hits ?? []);
    const { decision, logs: next } = decide(now, policies, logs, cost);
    policies.forEach((p, i) => {
      const hits = next[i]!;
      if (hits.length === 0) this.entries.delete(keys[i]!);
      else this.entries.set(keys[i]!, { hits, windowMs: p.windowMs });
    });
    return decision;
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
      if (newest === undefined || newest <= now - e.windowMs) this.entries.delete(key);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.entries.clear();
  }
}
