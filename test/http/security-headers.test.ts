import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMachinePath } from '../../src/http/security-headers.js';
import { createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Browser protections go where a browser reads the response (pages, the console's API);
 * responses for programs (`/api/v1`, health, metrics) carry only nosniff.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const BROWSER_ONLY = [
  'strict-transport-security',
  'x-frame-options',
  'cross-origin-opener-policy',
  'referrer-policy',
];

describe('security headers', () => {
  it('API, health and metrics responses carry nosniff and none of the browser-only headers', async () => {
    const org = await createTestOrg(t.deps);
    const { key } = await createTestKey(t.deps, { orgId: org.id, scopes: ['read'] });
    const responses = [
      await t.app.request('/api/v1/authenticate', { headers: { 'x-klipy-api-key': key } }),
      await t.app.request('/api/v1/people/nope', { headers: { 'x-klipy-api-key': key } }),
      await t.app.request('/api/v1/authenticate'),
      await t.app.request('/healthz'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 401, 200]);
    for (const res of responses) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      for (const name of BROWSER_ONLY) expect(res.headers.get(name)).toBeNull();
    }
  });

  it('pages and the console API keep the full set', async () => {
    for (const path of ['/', '/docs', '/console/api/me', '/apiv1-lookalike']) {
      const res = await t.app.request(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      for (const name of BROWSER_ONLY) expect(res.headers.get(name), `${path} ${name}`).not.toBeNull();
    }
  });

  it('tells machine paths by prefix, not by resemblance', () => {
    expect(isMachinePath('/api/v1/people')).toBe(true);
    expect(isMachinePath('/api/v1')).toBe(true);
    expect(isMachinePath('/healthz')).toBe(true);
    expect(isMachinePath('/api/v10/people')).toBe(false);
    expect(isMachinePath('/console/api/keys')).toBe(false);
    expect(isMachinePath('/docs')).toBe(false);
  });
});
