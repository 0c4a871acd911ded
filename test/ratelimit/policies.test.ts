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
  it('counts only failures and rejects the failure after the limit; other addresses keep their budget', async () => {
    const guard = new FailedAuthGuard(new MemoryLimiter({ sweepIntervalMs: 0 }), 3);
    for (let i = 0; i < 3; i++) expect((await guard.recordFailure('10.0.0.1')).allowed).toBe(true);
    const blocked = await guard.recordFailure('10.0.0.1');
    expect(blocked).toMatchObject({ allowed: false, rejectedBy: 'ip' });
    expect(blocked.retryAfterMs).toBeGreaterThan(0);
    expect((await guard.recordFailure('10.0.0.2')).allowed).toBe(true);
  });

  it('counts every spelling of one IPv4 address, and a whole IPv6 /64, as one client', async () => {
    const guard = new FailedAuthGuard(new MemoryLimiter({ sweepIntervalMs: 0 }), 3);
    for (const ip of ['198.51.100.9', '::ffff:198.51.100.9', '::ffff:c633:6409']) {
      expect((await guard.recordFailure(ip)).allowed).toBe(true);
    }
    expect((await guard.recordFailure('0:0:0:0:0:ffff:c633:6409')).allowed).toBe(false);
    for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::3']) {
      expect((await guard.recordFailure(ip)).allowed).toBe(true);
    }
    expect((await guard.recordFailure('2001:db8:1:2:abcd:1:2:3')).allowed).toBe(false);
    expect((await guard.recordFailure('2001:db8:1:3::1')).allowed).toBe(true);
    expect(failedAuthPolicy('::1')).toEqual({ name: 'ip', id: '::/64', limit: 30, windowMs: 60_000 });
  });
});
