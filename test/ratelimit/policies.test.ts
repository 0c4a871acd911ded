import { describe, expect, it } from 'vitest';
import { MemoryLimiter } from '../../src/ratelimit/memory.js';
import { apiRequestPolicies, FailedAuthGuard, failedAuthPolicy } from '../../src/ratelimit/policies.js';

describe('apiRequestPolicies()', () => {
  it('defaults to 200/min per key and 1000/min per org', () => {
    const [key, org] = apiRequestPolicies({ plan: 'standard', keyId: 'pub_1', orgId: 'org_1' });
    expect(key).toEqual({ name: 'key', id: 'pub_1', limit: 200, windowMs: 60_000 });
    expect(org).toEqual({ name: 'org', id: 'org_1', limit: 1000, windowMs: 60_000 });
  });

  it('scales with the plan, and operator overrides win', () => {
    const pro = apiRequestPolicies({ plan: 'pro', keyId: 'k', orgId: 'o' });
    expect(pro.map((p) => p.limit)).toEqual([1000, 5000]);
    const over = apiRequestPolicies({ plan: 'pro', keyId: 'k', orgId: 'o', overrides: { perKey: 50 } });
    expect(over.map((p) => p.limit)).toEqual([50, 5000]);
  });
});

describe('FailedAuthGuard', () => {
  it('peeks without counting, counts only failures, and blocks after the limit', async () => {
    const guard = new FailedAuthGuard(new MemoryLimiter({ sweepIntervalMs: 0 }), 3);
    for (let i = 0; i < 10; i++) expect((await guard.precheck('10.0.0.1')).allowed).toBe(true);
    for (let i = 0; i < 3; i++) expect((await guard.recordFailure('10.0.0.1')).allowed).toBe(true);
    const blocked = await guard.precheck('10.0.0.1');
    expect(blocked).toMatchObject({ allowed: false, rejectedBy: 'ip' });
    expect(blocked.retryAfterMs).toBeGreaterThan(0);
    expect((await guard.precheck('10.0.0.2')).allowed).toBe(true);
    expect(failedAuthPolicy('::1')).toEqual({ name: 'ip', id: '::1', limit: 30, windowMs: 60_000 });
  });
});
