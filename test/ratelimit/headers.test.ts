import { describe, expect, it } from 'vitest';
import { nearestExhaustion, rateLimitHeaders, retryAfterSeconds } from '../../src/ratelimit/headers.js';
import type { LimitDecision, PolicyState } from '../../src/ratelimit/types.js';

const now = 1_700_000_000_250;
const state = (over: Partial<PolicyState>): PolicyState => ({
  name: 'key',
  id: 'k',
  limit: 200,
  windowMs: 60_000,
  remaining: 150,
  resetAt: now + 30_000,
  ...over,
});

describe('rateLimitHeaders()', () => {
  it('describes both policies and the one nearest exhaustion', () => {
    const d: LimitDecision = {
      allowed: true,
      now,
      retryAfterMs: 0,
      states: [
        state({}),
        state({ name: 'org', id: 'o', limit: 1000, remaining: 900, resetAt: now + 29_001 }),
      ],
    };
    expect(rateLimitHeaders(d)).toEqual({
      'X-RateLimit-Limit': '200',
      'X-RateLimit-Remaining': '150',
      'X-RateLimit-Reset': String(Math.ceil((now + 30_000) / 1000)),
      'RateLimit-Policy': '"key";q=200;w=60, "org";q=1000;w=60',
      RateLimit: '"key";r=150;t=30, "org";r=900;t=30',
    });
  });

  it('breaks ties on remaining by the earliest reset', () => {
    const a = state({ remaining: 5, resetAt: now + 9000 });
    const b = state({ name: 'org', remaining: 5, resetAt: now + 1000 });
    expect(nearestExhaustion([a, b]).name).toBe('org');
    expect(nearestExhaustion([b, a]).name).toBe('org');
  });

  it('adds Retry-After, rounded up, when rejected; Reset rounds up too', () => {
    const d: LimitDecision = {
      allowed: false,
      now,
      rejectedBy: 'key',
      retryAfterMs: 1001,
      states: [state({ remaining: 0, resetAt: now + 1001 })],
    };
    const h = rateLimitHeaders(d);
    expect(h['Retry-After']).toBe('2');
    expect(h['X-RateLimit-Reset']).toBe(String(Math.ceil((now + 1001) / 1000)));
    expect(Number(h['X-RateLimit-Reset']) * 1000).toBeGreaterThanOrEqual(now + 1001);
    expect(h.RateLimit).toBe('"key";r=0;t=2');
  });

  it('never says 0 seconds for a pending wait, and t is never negative', () => {
    expect(retryAfterSeconds({ allowed: false, now, states: [], retryAfterMs: 1 })).toBe(1);
    const h = rateLimitHeaders({ allowed: true, now, retryAfterMs: 0, states: [state({ resetAt: now })] });
    expect(h.RateLimit).toBe('"key";r=150;t=0');
    expect(h['Retry-After']).toBeUndefined();
  });
});
