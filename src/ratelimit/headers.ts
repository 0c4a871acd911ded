import type { LimitDecision, PolicyState } from './types.js';

const ceilSeconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

/** The state closest to exhaustion: lowest `remaining`, ties → earliest `resetAt`. */
export function nearestExhaustion(states: readonly PolicyState[]): PolicyState {
  if (states.length === 0) throw new RangeError('a decision has at least one policy state');
  return states.reduce((a, b) =>
    b.remaining < a.remaining || (b.remaining === a.remaining && b.resetAt < a.resetAt) ? b : a,
  );
}

/** `Retry-After` in whole seconds, rounded up so a client never retries before a slot frees. */
export const retryAfterSeconds = (decision: LimitDecision): number => ceilSeconds(decision.retryAfterMs);

/**
 * Response headers for a decision (pure):
 * - `X-RateLimit-Limit` / `-Remaining` / `-Reset` (Unix seconds, rounded up) for the
 *   policy nearest exhaustion;
 * - `RateLimit-Policy` and `RateLimit` per draft-ietf-httpapi-ratelimit-headers (quoted
 *   policy names; `q` quota, `w` window s; `r` remaining, `t` seconds until a slot frees);
 * - `Retry-After` (seconds) when rejected.
 */
export function rateLimitHeaders(decision: LimitDecision): Record<string, string> {
  const near = nearestExhaustion(decision.states);
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(near.limit),
    'X-RateLimit-Remaining': String(near.remaining),
    'X-RateLimit-Reset': String(Math.ceil(near.resetAt / 1000)),
    'RateLimit-Policy': decision.states
      .map((s) => `"${s.name}";q=${s.limit};w=${ceilSeconds(s.windowMs)}`)
      .join(', '),
    RateLimit: decision.states
      .map((s) => `"${s.name}";r=${s.remaining};t=${ceilSeconds(s.resetAt - decision.now)}`)
      .join(', '),
  };
  if (!decision.allowed) headers['Retry-After'] = String(retryAfterSeconds(decision));
  return headers;
}
