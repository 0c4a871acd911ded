import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyHeaders } from '../helpers/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { newKeyBody, orgWithRoles } from './key-clients.js';

let t: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
let other: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  t = await createTestApp();
  org = await orgWithRoles(t.app);
  other = await orgWithRoles(t.app);
});
afterAll(() => t.close());

describe('GET /console/api/usage', () => {
  it('is 404 for a key of another organization (tenancy), not an empty report', async () => {
    const theirs = await other.developer.client.post('/keys', newKeyBody());
    expect(theirs.status).toBe(201);
    const res = await org.developer.client.get(`/usage?keyId=${theirs.body.data.apiKey.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('is 404 for an id that is no key at all', async () => {
    const res = await org.developer.client.get('/usage?keyId=key_nope');
    expect(res.status).toBe(404);
  });

  it("reports a key's headroom from the same bucket the API limiter counts", async () => {
    const created = await org.developer.client.post('/keys', newKeyBody());
    const { key, apiKey } = created.body.data;
    for (let i = 0; i < 3; i++) {
      const res = await t.app.request('/api/v1/authenticate', { headers: apiKeyHeaders(key) });
      expect(res.status).toBe(200);
    }
    const res = await org.developer.client.get(`/usage?keyId=${apiKey.id}`);
    expect(res.status).toBe(200);
    const { remaining, limit } = res.body.data.headroom.key;
    expect(remaining).toBe(limit - 3);
  });

  it('counts 3xx with 2xx in the series (three classes: 2xx and 3xx, 4xx, 5xx)', async () => {
    const created = await org.developer.client.post('/keys', newKeyBody());
    const { apiKey } = created.body.data;
    const at = new Date();
    for (const status of [200, 304, 404, 503])
      t.deps.usage.record({ orgId: org.orgId, keyId: apiKey.id, route: 'GET /api/v1/x', status, at });
    const res = await org.developer.client.get(`/usage?keyId=${apiKey.id}`);
    expect(res.status).toBe(200);
    const sum = (k: 's2xx' | 's4xx' | 's5xx') =>
      res.body.data.series.reduce((a: number, p: Record<string, number>) => a + (p[k] ?? 0), 0);
    expect([sum('s2xx'), sum('s4xx'), sum('s5xx')]).toEqual([2, 1, 1]);
  });
});
