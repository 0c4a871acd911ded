import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/ratelimit/index.js';
import { createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * The hot path's budget (issue 11): a successful authenticated request makes exactly one
 * rate-limiter call (key + organization together); only a failed authentication adds the
 * per-IP bookkeeping, and that never blocks a valid key.
 */
let t: TestApp;
const calls: string[][] = [];
beforeAll(async () => {
  t = await createTestApp({ env: { KLIPY_RATE_LIMIT_PER_KEY: '1000', KLIPY_RATE_LIMIT_PER_ORG: '1000' } });
  const limiter = t.deps.limiter;
  const check = limiter.check.bind(limiter);
  // Count calls on the real limiter (memory, PostgreSQL or Redis per the suite's backend).
  limiter.check = (policies: readonly Policy[], cost?: number) => {
    calls.push(policies.map((p) => p.name));
    return check(policies, cost);
  };
});
afterAll(() => t.close());

const call = (key: string, ip: string) =>
  t.app.request('/api/v1/authenticate', { headers: { 'x-klipy-api-key': key, 'x-test-client-ip': ip } });

describe('limiter round trips per request', () => {
  it('makes one limiter call for a successful request, checking key and organization together', async () => {
    const org = await createTestOrg(t.deps);
    const { key } = await createTestKey(t.deps, { orgId: org.id, scopes: ['read'] });
    await call(key, '10.77.0.1'); // warm the key cache
    calls.length = 0;
    for (let i = 0; i < 3; i++) expect((await call(key, '10.77.0.1')).status).toBe(200);
    expect(calls).toEqual([
      ['key', 'org'],
      ['key', 'org'],
      ['key', 'org'],
    ]);
  });

  it('counts a failed authentication per IP, and 429s the failures over the budget only', async () => {
    const ip = `10.77.${Math.floor(Math.random() * 250)}.2`;
    const bogus = 'klipy_api_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
    calls.length = 0;
    expect((await call(bogus, ip)).status).toBe(401);
    expect(calls).toEqual([['ip']]);
    let last: Response | undefined;
    for (let i = 0; i < 30; i++) last = await call(bogus, ip);
    expect(last?.status).toBe(429);
    const org = await createTestOrg(t.deps);
    const { key } = await createTestKey(t.deps, { orgId: org.id, scopes: ['read'] });
    expect((await call(key, ip)).status).toBe(200);
  });
});
