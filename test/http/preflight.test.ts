import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('answers an OPTIONS preflight on /api/v1 with 204 before authentication, without counting a failed authentication', async () => {
  const ip = '10.77.0.1';
  // More preflights than the failed-authentication budget of one IP (30 a minute).
  for (let i = 0; i < 40; i++) {
    const res = await t.app.request('/api/v1/people', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'x-test-client-ip': ip,
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toContain('POST');
    expect(await res.text()).toBe('');
  }
  const org = await createTestOrg(t.deps);
  const { key } = await createTestKey(t.deps, { orgId: org.id, scopes: ['read'] });
  const res = await t.app.request('/api/v1/authenticate', {
    headers: { 'x-klipy-api-key': key, 'x-test-client-ip': ip },
  });
  expect(res.status).toBe(200);
  // Any other method without a key is still refused.
  const noKey = await t.app.request('/api/v1/people', { headers: { 'x-test-client-ip': '10.77.0.2' } });
  expect(noKey.status).toBe(401);
});
