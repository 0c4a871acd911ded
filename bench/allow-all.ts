import type { Deps } from '../src/deps.js';
import { FailedAuthGuard } from '../src/ratelimit/index.js';
import type { Limiter, Policy } from '../src/ratelimit/types.js';

/**
 * Swaps the rate limiter for one that admits everything, so the benchmarks measure key
 * verification and not the limiter (a sliding log under a huge limit grows with every
 * request; the limiter has its own contract tests and figures).
 */
export function withoutRateLimits(deps: Deps): void {
  const allowAll: Limiter = {
    backend: 'memory',
    async check(policies: readonly Policy[]) {
      const now = Date.now();
      return {
        allowed: true,
        now,
        retryAfterMs: 0,
        states: policies.map((p) => ({ ...p, remaining: p.limit, resetAt: now })),
      };
    },
    async close() {},
  };
  Object.assign(deps, { limiter: allowAll, authGuard: new FailedAuthGuard(allowAll) });
}

/** A Node-server-like env for in-process requests, so the client IP is read, not guessed. */
export const socketEnv = {
  incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 40000, remoteFamily: 'IPv4' } },
};
