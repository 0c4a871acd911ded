import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalActor } from '../../src/modules/api-keys/principal.js';
import { revokeApiKey } from '../../src/modules/api-keys/revoke-api-key.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { updateOrg } from '../../src/modules/orgs/update-org.js';
import { apiKeyHeaders, clientIpHeader, createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, readJson, type TestApp } from '../helpers/app.js';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp({ env: { KLIPY_RATE_LIMIT_PER_KEY: '50' } });
  orgId = (await createTestOrg(t.deps, { name: 'Acme' })).id;
});
afterAll(() => t.close());

const get = (headers: Record<string, string>, path = '/api/v1/authenticate') =>
  t.app.request(path, { headers: { ...clientIpHeader(), ...headers } });

describe('GET /api/v1/authenticate', () => {
  it('returns the organization context, team_name included, and the limits in force', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const { key, id, prefix } = await createTestKey(t.deps, { orgId, scopes: ['people:read'], expiresAt });
    const res = await get(apiKeyHeaders(key));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = await readJson(res);
    expect(body).toMatchObject({
      object: 'success',
      data: {
        team_name: 'Acme',
        organization: { id: orgId, name: 'Acme', plan: 'standard' },
        key: {
          id,
          prefix,
          name: 'test key',
          kind: 'standard',
          scopes: ['people:read'],
          expiresAt: expiresAt.toISOString(),
        },
        rateLimits: {
          key: { limit: 50, windowSeconds: 60 },
          organization: { limit: 1000, windowSeconds: 60 },
        },
      },
      meta: { api_version: '1' },
    });
    expect(res.headers.get('klipy-api-key-expires')).toBe(expiresAt.toISOString());
  });

  it('announces no expiry for a key without one', async () => {
    const { key } = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    const res = await get(apiKeyHeaders(key));
    expect(res.status).toBe(200);
    expect(res.headers.get('klipy-api-key-expires')).toBeNull();
  });

  it.each([
    ['X-Klipy-Api-Key', (k: string) => ({ 'x-klipy-api-key': k })],
    ['X-KLIPY-API-KEY (older docs)', (k: string) => ({ 'X-KLIPY-API-KEY': k })],
    ['Authorization: Bearer', (k: string) => ({ authorization: `Bearer ${k}` })],
    ['authorization: bearer (any case)', (k: string) => ({ authorization: `bearer ${k}` })],
    [
      'both headers with the same key',
      (k: string) => ({ 'x-klipy-api-key': k, authorization: `Bearer ${k}` }),
    ],
  ])('accepts the key in %s', async (_label, headers) => {
    const { key } = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    expect((await get(headers(key))).status).toBe(200);
  });

  it('refuses Basic auth as malformed', async () => {
    const res = await get({ authorization: 'Basic dXNlcjpwYXNz' });
    expect(res.status).toBe(401);
    expect((await readJson(res)).error.details.reason).toBe('malformed');
  });

  it('fails closed on unknown /api/v1 paths without a key, and leaves the OpenAPI document public', async () => {
    expect((await get({}, '/api/v1/nope')).status).toBe(401);
    expect((await get({}, '/api/v1/openapi.json')).status).toBe(200);
  });
});

describe('cache and invalidation', () => {
  it('serves from the cache yet sees a revocation on the very next request', async () => {
    const { key, id } = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    expect((await get(apiKeyHeaders(key))).status).toBe(200);
    const publicId = key.slice(10, 22);
    expect(t.deps.keyCache.get(publicId)?.id).toBe(id);
    await revokeApiKey(t.deps, { orgId, id, actor: operatorActor });
    expect(t.deps.keyCache.get(publicId)).toBeUndefined();
    expect((await readJson(await get(apiKeyHeaders(key)))).error.details.reason).toBe('revoked');
  });

  it('drops the organization on a plan change and lets keys back in on an upgrade', async () => {
    const other = await createTestOrg(t.deps);
    const { key } = await createTestKey(t.deps, { orgId: other.id, scopes: ['read'] });
    expect((await get(apiKeyHeaders(key))).status).toBe(200);
    await updateOrg(t.deps, { orgId: other.id, changes: { plan: 'free' }, actor: operatorActor });
    expect((await get(apiKeyHeaders(key))).status).toBe(403);
    await updateOrg(t.deps, { orgId: other.id, changes: { plan: 'pro' }, actor: operatorActor });
    expect((await get(apiKeyHeaders(key))).status).toBe(200);
  });
});

describe('last used', () => {
  it('records time and IP in a batch, off the request path', async () => {
    const { key, id } = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    await get({ ...apiKeyHeaders(key), 'x-test-client-ip': '203.0.113.7' });
    await get({ ...apiKeyHeaders(key), 'x-test-client-ip': '203.0.113.8' });
    const row = async () =>
      (await t.deps.database.db.query.apiKeys.findFirst({ where: (k, { eq }) => eq(k.id, id) }))!;
    expect((await row()).lastUsedAt).toBeNull();
    await t.deps.lastUsed.flush();
    const after = await row();
    expect(after.lastUsedIp).toBe('203.0.113.8');
    expect(after.lastUsedAt).toBeInstanceOf(Date);
  });
});

describe('principalActor', () => {
  it('is the key: type api_key, display prefix as label, creator kept', () => {
    const actor = principalActor({
      orgId: 'org_1',
      orgName: 'A',
      plan: 'standard',
      keyId: 'key_1',
      publicId: 'abc',
      prefix: 'klipy_api_abc',
      name: 'k',
      scopes: [],
      kind: 'standard',
      createdBy: 'usr_1',
      expiresAt: null,
      graceEndsAt: null,
      ipAllowlist: [],
      rateLimitPerMinute: null,
    });
    expect(actor).toEqual({ type: 'api_key', id: 'key_1', label: 'klipy_api_abc', keyCreatorId: 'usr_1' });
  });
});
