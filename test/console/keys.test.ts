import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_PATTERN } from '../../src/modules/api-keys/token.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { updateOrg } from '../../src/modules/orgs/update-org.js';
import { apiKeyHeaders } from '../helpers/api-keys.js';
import { ConsoleClient, createTestApp, readJson, type TestApp } from '../helpers/app.js';
import { newKeyBody, orgWithRoles } from './key-clients.js';

let t: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  t = await createTestApp();
  org = await orgWithRoles(t.app);
});
afterAll(() => t.close());

const authenticate = (key: string) => t.app.request('/api/v1/authenticate', { headers: apiKeyHeaders(key) });

describe('POST /console/api/keys', () => {
  it('creates a key, shows the plaintext once, and lists it without it', async () => {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await org.developer.client.post(
      '/keys',
      newKeyBody({ scopes: ['people:read', 'read'], expiresAt }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { key, apiKey } = res.body.data;
    expect(key).toMatch(KEY_PATTERN);
    expect(apiKey).toMatchObject({
      prefix: key.slice(0, 22),
      name: 'Zapier sync',
      scopes: ['people:read', 'read'],
      kind: 'standard',
      status: 'active',
      expiresAt,
      createdBy: { id: org.developer.userId, email: org.developer.email, name: 'developer' },
      lastUsedAt: null,
      revokedAt: null,
      replacedBy: null,
    });
    expect((await authenticate(key)).status).toBe(200);
    const list = await org.developer.client.get('/keys');
    expect(list.status).toBe(200);
    // The use just made shows at once: the list flushes pending last-used writes first.
    expect(list.body.data.find((k: any) => k.id === apiKey.id)).toEqual({
      ...apiKey,
      lastUsedAt: expect.any(String),
      lastUsedIp: expect.any(String),
      // The list adds the advisor's findings (GET /authenticate needs no scope: nothing used).
      usedScopes: [],
      grantedScopeCount: 3,
      suggestedScopes: null,
      dormant: false,
    });
    expect(JSON.stringify(list.body)).not.toContain(key);
  });

  it('accepts no expiry (null)', async () => {
    const res = await org.admin.client.post('/keys', newKeyBody());
    expect(res.status).toBe(201);
    expect(res.body.data.apiKey.expiresAt).toBeNull();
  });

  it.each([
    ['an empty scope list', { scopes: [] }, 'scopes'],
    ['an unknown scope', { scopes: ['people:read', 'keys:write'] }, 'scopes.1'],
    ['an empty name', { name: '' }, 'name'],
    ['a 101-character name', { name: 'x'.repeat(101) }, 'name'],
    ['a missing expiresAt', { expiresAt: undefined }, 'expiresAt'],
    ['a non-date expiresAt', { expiresAt: 'tomorrow' }, 'expiresAt'],
    ['an expiresAt in the past', { expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt'],
  ])('refuses %s with 422 naming the field', async (_label, overrides, field) => {
    const res = await org.developer.client.post('/keys', newKeyBody(overrides));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.fields.map((f: any) => f.path)).toContain(field);
  });

  it('refuses a member (403 role)', async () => {
    const res = await org.member.client.post('/keys', newKeyBody());
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe('role');
  });

  it('refuses without a session (401) and cross-site (403 csrf)', async () => {
    expect((await new ConsoleClient(t.app).post('/keys', newKeyBody())).status).toBe(401);
    const res = await org.developer.client.request('POST', '/keys', newKeyBody(), {
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
  });

  it.each([
    ['plan', { plan: 'free' as const }],
    ['api_disabled', { apiEnabled: false }],
  ])('refuses with 403 details.reason=%s when the organization cannot use keys', async (reason, changes) => {
    const owner = new ConsoleClient(t.app);
    const { orgId } = await owner.signup();
    await updateOrg(t.deps, { orgId, changes, actor: operatorActor });
    const res = await owner.post('/keys', newKeyBody());
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe(reason);
    expect((await owner.get('/keys')).body.data).toEqual([]);
  });
});

describe('GET /console/api/keys', () => {
  it('filters by status', async () => {
    const a = await org.developer.client.post('/keys', newKeyBody({ name: 'to revoke' }));
    await org.developer.client.post(`/keys/${a.body.data.apiKey.id}/revoke`);
    const revoked = await org.developer.client.get('/keys?status=revoked');
    expect(revoked.body.data.map((k: any) => k.id)).toContain(a.body.data.apiKey.id);
    expect(revoked.body.data.every((k: any) => k.status === 'revoked')).toBe(true);
    const active = await org.developer.client.get('/keys?status=active');
    expect(active.body.data.map((k: any) => k.id)).not.toContain(a.body.data.apiKey.id);
    expect((await org.developer.client.get('/keys?status=bogus')).status).toBe(422);
  });

  it('is refused to members (403)', async () => {
    expect((await org.member.client.get('/keys')).status).toBe(403);
  });

  it("never shows another organization's keys", async () => {
    const other = new ConsoleClient(t.app);
    await other.signup();
    const created = await other.post('/keys', newKeyBody());
    const mine = await org.owner.client.get('/keys');
    expect(mine.body.data.map((k: any) => k.id)).not.toContain(created.body.data.apiKey.id);
    const res = await org.owner.client.post(`/keys/${created.body.data.apiKey.id}/revoke`);
    expect(res.status).toBe(404);
  });
});

describe('PATCH /console/api/keys/{id}', () => {
  it('renames and rescopes; the new scopes apply on the next request', async () => {
    const created = await org.developer.client.post('/keys', newKeyBody({ scopes: ['people:read'] }));
    const { key, apiKey } = created.body.data;
    const before = await readJson(await authenticate(key));
    expect(before.data.key.scopes).toEqual(['people:read']);
    const res = await org.developer.client.patch(`/keys/${apiKey.id}`, {
      name: 'Renamed',
      scopes: ['companies:read'],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Renamed', scopes: ['companies:read'] });
    const after = await readJson(await authenticate(key));
    expect(after.data.key).toMatchObject({ name: 'Renamed', scopes: ['companies:read'] });
  });

  it.each([
    ['expiresAt', { expiresAt: null }],
    ['expiresAt with a date', { name: 'x', expiresAt: '2030-01-01T00:00:00Z' }],
    ['empty scopes', { scopes: [] }],
    ['an unknown field', { kind: 'playground' }],
  ])('refuses %s with 422', async (_label, body) => {
    const created = await org.developer.client.post('/keys', newKeyBody());
    const res = await org.developer.client.patch(`/keys/${created.body.data.apiKey.id}`, body);
    expect(res.status).toBe(422);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect(
      (await org.developer.client.patch('/keys/key_01J0000000000000000000000A', { name: 'x' })).status,
    ).toBe(404);
    expect((await org.developer.client.patch('/keys/nope', { name: 'x' })).status).toBe(404);
  });
});

describe('POST /console/api/playground-keys', () => {
  it('creates a 1-hour read-only key named "Docs playground (temp)", listed and audited as such', async () => {
    const res = await org.developer.client.post('/playground-keys', {});
    expect(res.status).toBe(201);
    const { key, apiKey } = res.body.data;
    expect(apiKey).toMatchObject({ name: 'Docs playground (temp)', kind: 'playground', scopes: ['read'] });
    const ttl = new Date(apiKey.expiresAt).getTime() - new Date(apiKey.createdAt).getTime();
    expect(Math.abs(ttl - 3_600_000)).toBeLessThan(5_000);
    expect((await authenticate(key)).status).toBe(200);
    const audit = await org.developer.client.get(`/audit-log?keyId=${apiKey.id}`);
    expect(audit.body.data.map((e: any) => e.action)).toEqual(['api_key.playground_created']);
    expect((await org.member.client.post('/playground-keys', {})).status).toBe(403);
  });
});

describe('key management with an API key (fail closed)', () => {
  it('is unreachable: the console wants a session, and /api/v1 has no key routes but self-roll', async () => {
    const { key, apiKey } = (await org.owner.client.post('/keys', newKeyBody({ scopes: ['ALL'] }))).body.data;
    const asKey = (method: string, path: string) =>
      t.app.request(path, {
        method,
        headers: {
          ...apiKeyHeaders(key),
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
        },
        body: method === 'GET' ? null : '{}',
      });
    expect((await asKey('GET', '/console/api/keys')).status).toBe(401);
    expect((await asKey('POST', '/console/api/keys')).status).toBe(401);
    expect((await asKey('POST', `/console/api/keys/${apiKey.id}/revoke`)).status).toBe(401);
    expect((await asKey('POST', '/api/v1/keys')).status).toBe(404);
    expect((await asKey('POST', `/api/v1/keys/${apiKey.id}/revoke`)).status).toBe(404);
    expect((await authenticate(key)).status).toBe(200);
  });
});

describe('GET /console/api/scopes', () => {
  it('lists every scope with a description', async () => {
    const res = await org.member.client.get('/scopes');
    expect(res.status).toBe(200);
    const scopes = res.body.data.scopes.map((s: any) => s.scope);
    expect(scopes).toEqual(
      expect.arrayContaining(['ALL', 'read', 'write', 'people:read', 'interactions:remove']),
    );
    expect(res.body.data.scopes.every((s: any) => s.description.length > 0)).toBe(true);
  });
});
