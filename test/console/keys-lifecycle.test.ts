import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/api-keys/create-api-key.js';
import { updateApiKey } from '../../src/modules/api-keys/update-api-key.js';
import { clientIpHeader } from '../helpers/api-keys.js';
import { createTestApp, readJson, type TestApp } from '../helpers/app.js';
import { TestClock } from '../helpers/deps.js';
import { addMember, newKeyBody, orgWithRoles } from './key-clients.js';

const clock = new TestClock();
let t: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  t = await createTestApp({ clock });
  org = await orgWithRoles(t.app);
});
afterAll(() => t.close());

const authenticate = (key: string) =>
  t.app.request('/api/v1/authenticate', { headers: { authorization: `Bearer ${key}`, ...clientIpHeader() } });
const create = async (who: keyof typeof org = 'developer', body = newKeyBody()) => {
  const res = await (org[who] as any).client.post('/keys', body);
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data as { key: string; apiKey: any };
};

describe('revoke', () => {
  it('takes effect on the very next request and keeps the key listed as revoked', async () => {
    const { key, apiKey } = await create();
    expect((await authenticate(key)).status).toBe(200);
    const res = await org.developer.client.post(`/keys/${apiKey.id}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: apiKey.id, status: 'revoked' });
    const denied = await readJson(await authenticate(key));
    expect(denied.error.details).toEqual({ reason: 'revoked', prefix: apiKey.prefix });
    const again = await org.developer.client.post(`/keys/${apiKey.id}/revoke`);
    expect(again.status).toBe(200);
    const audit = await org.admin.client.get(`/audit-log?keyId=${apiKey.id}&action=api_key.revoked`);
    expect(audit.body.data).toHaveLength(1);
  });

  it("lets a developer revoke only their own keys; an admin revokes anyone's", async () => {
    const ownersKey = await create('owner');
    const denied = await org.developer.client.post(`/keys/${ownersKey.apiKey.id}/revoke`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.reason).toBe('role');
    expect((await authenticate(ownersKey.key)).status).toBe(200);
    expect((await org.admin.client.post(`/keys/${ownersKey.apiKey.id}/revoke`)).status).toBe(200);
    const devKey = await create('developer');
    expect((await org.owner.client.post(`/keys/${devKey.apiKey.id}/revoke`)).status).toBe(200);
  });

  it('is refused to members', async () => {
    const { apiKey } = await create();
    expect((await org.member.client.post(`/keys/${apiKey.id}/revoke`)).status).toBe(403);
  });
});

describe('delete', () => {
  it('is admin+ only, removes the key for good, and keeps its audit entries', async () => {
    const { key, apiKey } = await create();
    const byDeveloper = await org.developer.client.delete(`/keys/${apiKey.id}`);
    expect(byDeveloper.status).toBe(403);
    expect(byDeveloper.body.error.details.reason).toBe('role');
    expect((await org.member.client.delete(`/keys/${apiKey.id}`)).status).toBe(403);
    const res = await org.admin.client.delete(`/keys/${apiKey.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ deleted: true });
    expect((await readJson(await authenticate(key))).error.details).toEqual({ reason: 'unknown' });
    expect((await org.admin.client.get('/keys')).body.data.map((k: any) => k.id)).not.toContain(apiKey.id);
    expect((await org.admin.client.delete(`/keys/${apiKey.id}`)).status).toBe(404);
    const audit = await org.admin.client.get(`/audit-log?keyId=${apiKey.id}`);
    expect(audit.body.data.map((e: any) => e.action)).toEqual(['api_key.deleted', 'api_key.created']);
    expect(audit.body.data[0].target).toEqual({ type: 'api_key', id: apiKey.id, label: apiKey.prefix });
  });
});

describe('roll', () => {
  it('issues a new key with the same name, scopes and expiry; the old one ends after the grace', async () => {
    const expiresAt = new Date(clock.now().getTime() + 30 * 86_400_000).toISOString();
    const old = await create(
      'developer',
      newKeyBody({ name: 'Warehouse', scopes: ['companies:read'], expiresAt }),
    );
    const res = await org.developer.client.post(`/keys/${old.apiKey.id}/roll`, { gracePeriodSeconds: 3600 });
    expect(res.status).toBe(201);
    const { key, apiKey } = res.body.data;
    expect(apiKey).toMatchObject({
      name: 'Warehouse',
      scopes: ['companies:read'],
      expiresAt,
      status: 'active',
    });
    expect(apiKey.id).not.toBe(old.apiKey.id);
    const listed = (await org.developer.client.get('/keys')).body.data.find(
      (k: any) => k.id === old.apiKey.id,
    );
    expect(listed).toMatchObject({ status: 'active', replacedBy: apiKey.id });
    const during = await authenticate(old.key);
    expect(during.status).toBe(200);
    expect(during.headers.get('klipy-api-key-expires')).toBe(listed.revokedAt);
    clock.advance(3_600_000);
    expect((await readJson(await authenticate(old.key))).error.details.reason).toBe('revoked');
    expect((await authenticate(key)).status).toBe(200);
    const again = await org.developer.client.post(`/keys/${old.apiKey.id}/roll`, { gracePeriodSeconds: 0 });
    expect(again.status).toBe(409);
  });

  it.each([[1], [60], [-1], ['3600'], [null]])('refuses gracePeriodSeconds %j with 422', async (grace) => {
    const { apiKey } = await create();
    const res = await org.developer.client.post(`/keys/${apiKey.id}/roll`, { gracePeriodSeconds: grace });
    expect(res.status).toBe(422);
  });

  it('takes the new expiry from the body: same lifetime from now by default, kept, chosen, or none', async () => {
    const in30 = new Date(clock.now().getTime() + 30 * 86_400_000).toISOString();
    const { apiKey } = await create('developer', newKeyBody({ expiresAt: in30 }));
    clock.advance(10 * 86_400_000);
    const renewed = await org.developer.client.post(`/keys/${apiKey.id}/roll`, { gracePeriodSeconds: 0 });
    expect(renewed.status).toBe(201);
    const lifetime = Date.parse(in30) - Date.parse(apiKey.createdAt);
    expect(Date.parse(renewed.body.data.apiKey.expiresAt)).toBe(clock.now().getTime() + lifetime);
    const kept = await org.developer.client.post(`/keys/${renewed.body.data.apiKey.id}/roll`, {
      gracePeriodSeconds: 0,
      keepExpiry: true,
    });
    expect(kept.body.data.apiKey.expiresAt).toBe(renewed.body.data.apiKey.expiresAt);
    const both = await org.developer.client.post(`/keys/${kept.body.data.apiKey.id}/roll`, {
      gracePeriodSeconds: 0,
      keepExpiry: true,
      expiresAt: null,
    });
    expect(both.status).toBe(422);
    expect(both.body.error.details.fields).toEqual([
      { path: 'keepExpiry', message: 'cannot be combined with expiresAt' },
    ]);
    const none = await org.developer.client.post(`/keys/${kept.body.data.apiKey.id}/roll`, {
      gracePeriodSeconds: 0,
      expiresAt: null,
    });
    expect(none.status).toBe(201);
    expect(none.body.data.apiKey.expiresAt).toBeNull();
  });

  it('refuses to roll a revoked key (409) and is refused to members (403)', async () => {
    const { apiKey } = await create();
    expect((await org.member.client.post(`/keys/${apiKey.id}/roll`, { gracePeriodSeconds: 0 })).status).toBe(
      403,
    );
    await org.developer.client.post(`/keys/${apiKey.id}/revoke`);
    expect(
      (await org.developer.client.post(`/keys/${apiKey.id}/roll`, { gracePeriodSeconds: 0 })).status,
    ).toBe(409);
  });
});

describe('roll: whose keys', () => {
  it("follows the revoke rule: developers roll only their own keys, admins anyone's", async () => {
    // A roll ends the old key and hands the caller a working copy: on another user's key
    // that would be a revoke plus a takeover, which developers may not do.
    const adminKey = await create('admin');
    const byDeveloper = await org.developer.client.post(`/keys/${adminKey.apiKey.id}/roll`, {
      gracePeriodSeconds: 0,
    });
    expect(byDeveloper.status).toBe(403);
    expect(byDeveloper.body.error.details.reason).toBe('role');
    expect((await authenticate(adminKey.key)).status).toBe(200);
    const developerKey = await create('developer');
    const byAdmin = await org.admin.client.post(`/keys/${developerKey.apiKey.id}/roll`, {
      gracePeriodSeconds: 0,
    });
    expect(byAdmin.status).toBe(201);
  });
});

describe('what each role may grant', () => {
  it('members may not put delete or coarse write scopes on a key, even through the service', async () => {
    const base = { orgId: org.orgId, name: 'x', expiresAt: null };
    const member = { type: 'user', id: org.member.userId, label: org.member.email, role: 'member' } as const;
    await expect(
      createApiKey(t.deps, { ...base, scopes: ['people:remove'], actor: member }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'role' },
    });
    const dev = {
      type: 'user',
      id: org.developer.userId,
      label: org.developer.email,
      role: 'developer',
    } as const;
    const created = await createApiKey(t.deps, { ...base, scopes: ['ALL'], actor: dev });
    await expect(
      updateApiKey(t.deps, { orgId: org.orgId, id: created.apiKey.id, scopes: ['write'], actor: member }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('a creator demoted to member', () => {
  it("keeps their keys, reduced to a member's scopes", async () => {
    const dev = await addMember(t.app, org.owner.client, 'developer');
    const { key } = (await dev.client.post('/keys', newKeyBody({ scopes: ['ALL'] }))).body.data;
    expect((await readJson(await authenticate(key))).data.key.scopes).toEqual(['ALL']);
    expect((await org.owner.client.patch(`/members/${dev.userId}`, { role: 'member' })).status).toBe(200);
    // Role changes are not published on the bus: the key cache TTL bounds the delay.
    t.deps.keyCache.clear();
    const scopes: string[] = (await readJson(await authenticate(key))).data.key.scopes;
    expect(scopes).toContain('people:write');
    expect(scopes.some((s) => s === 'ALL' || s.endsWith(':remove'))).toBe(false);
  });
});
