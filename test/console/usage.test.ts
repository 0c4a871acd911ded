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
});
