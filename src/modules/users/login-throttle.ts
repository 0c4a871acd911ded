import type { Clock } from '../../infra/clock.js';

/**
 * Counts failed logins per key (email, client IP) in a sliding window and blocks a key
 * that reached the limit until its oldest failure leaves the window. In memory, per
 * node: a guesser spread over N nodes gets N× the budget, still far too slow to matter.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  /**
   * @param limitFor how many failures a key may have in the window: keys are prefixed
   *   with their kind (`login:email:`, `login:ip:`), and an IP, shared by an office, gets more.
   */
  constructor(
    private readonly clock: Clock,
    private readonly limitFor: (key: string) => number = (key) => (key.startsWith('login:ip:') ? 50 : 10),
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds until every key has room again; 0 when none is blocked. */
  blockedForMs(keys: string[]): number {
    const now = this.clock.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const times = this.prune(key, now);
      if (times.length >= this.limitFor(key)) wait = Math.max(wait, (times[0] ?? now) + this.windowMs - now);
    }
    return wait;
  }

  recordFailure(keys: string[]): void {
    const now = this.clock.now().getTime();
    for (const key of keys) {
      const times = this.prune(key, now);
      times.push(now);
      this.failures.set(key, times);
    }
  }

  private prune(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }
}
