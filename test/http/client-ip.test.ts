import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_AUTH_PER_MINUTE } from '../../src/ratelimit/policies.js';
import { testClientIp } from '../helpers/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { KLIPY_TRUST_PROXY: 'true' } });
});
afterAll(() => t.close());

describe('client IP behind a trusted proxy', () => {
  it('uses the address the proxy appended, so a client cannot dodge the per-IP limit with its own X-Forwarded-For', async () => {
    // A fresh proxy-seen address: the per-IP counters outlive a run on Redis / PostgreSQL.
    const real = testClientIp();
    const statuses: number[] = [];
    for (let i = 0; i <= FAILED_AUTH_PER_MINUTE; i++) {
      // The client sends a made-up X-Forwarded-For; the proxy appends the real peer.
      const res = await t.app.request('/api/v1/authenticate', {
        headers: { 'x-klipy-api-key': 'klipy_api_wrong', 'x-forwarded-for': `10.9.${i}.1, ${real}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, FAILED_AUTH_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
