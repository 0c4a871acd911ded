/**
 * The organization key policy (issue 14 item 2): the console routes (each role, another
 * organization, validation, audit) and its enforcement by create, edit, roll and self-roll,
 * plus the `policyViolations` flags on existing keys.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.js';
import { DEFAULT_KEY_POLICY, type KeyPolicy } from '../../src/modules/key-policy/schemas.js';
import { newKeyBody, orgWithRoles } from '../console/key-clients.js';
import { apiKeyHeaders, createTestKey } from '../helpers/api-keys.js';
import { createTestApp, readJson, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Org = Awaited<ReturnType<typeof orgWithRoles>>;
const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();
const policy = (overrides: Partial<KeyPolicy> = {}): KeyPolicy => ({ ...DEFAULT_KEY_POLICY, ...overrides });

async function withPolicy(overrides: Partial<KeyPolicy>): Promise<Org> {
  const org = await orgWithRoles(t.app);
  const res = await org.owner.client.put('/organization/key-policy', policy(overrides));
  expect(res.status).toBe(200);
  return org;
}

const expectPolicyRefusal = (res: any, status: number, field: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(status === 403 ? 'forbidden' : 'validation_error');
  expect(res.body.error.details).toMatchObject({ reason: 'policy', policy: field });
};

describe('GET/PUT /console/api/organization/key-policy', () => {
  let org: Org;
  beforeAll(async () => {
    org = await orgWithRoles(t.app);
  });

  it('reads the defaults before any policy is set (developer and up; member 403)', async () => {
    for (const role of ['owner', 'admin', 'developer'] as const) {
      const res = await org[role].client.get('/organization/key-policy');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ ...DEFAULT_KEY_POLICY, updatedAt: null, updatedBy: null });
    }
    const member = await org.member.client.get('/organization/key-policy');
    expect(member.status).toBe(403);
    expect(member.body.error.details.reason).toBe('role');
  });

  it('lets owners and admins replace it, refuses developers and members (403 role)', async () => {
    for (const role of ['developer', 'member'] as const) {
      const res = await org[role].client.put('/organization/key-policy', policy({ maxLifetimeDays: 5 }));
      expect(res.status).toBe(403);
      expect(res.body.error.details.reason).toBe('role');
    }
    expect((await org.owner.client.get('/organization/key-policy')).body.data.maxLifetimeDays).toBeNull();
    const set = policy({
      maxLifetimeDays: 90,
      allowNoExpiry: false,
      creatorRoles: ['owner', 'admin'],
      maxScopesByRole: { developer: ['read'], admin: ['read', 'write'] },
      dormantDays: 14,
    });
    const byAdmin = await org.admin.client.put('/organization/key-policy', set);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data).toMatchObject({ ...set, updatedBy: org.admin.userId });
    const read = await org.developer.client.get('/organization/key-policy');
    expect(read.body.data).toMatchObject(set);
    const byOwner = await org.owner.client.put('/organization/key-policy', policy({ maxLifetimeDays: 30 }));
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.data).toMatchObject({
      ...policy({ maxLifetimeDays: 30 }),
      updatedBy: org.owner.userId,
    });
  });

  it('audits each change with the policy before and after, in the organization', async () => {
    const rows = await t.deps.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.orgId), eq(auditEvents.action, 'organization.key_policy_updated')))
      .orderBy(auditEvents.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      actorId: org.admin.userId,
      targetType: 'organization',
      targetId: org.orgId,
      metadata: {
        before: DEFAULT_KEY_POLICY,
        after: { maxLifetimeDays: 90, creatorRoles: ['owner', 'admin'] },
      },
    });
    expect(rows[1]?.metadata).toMatchObject({
      before: { maxLifetimeDays: 90 },
      after: { maxLifetimeDays: 30, allowNoExpiry: true },
    });
  });

  it("leaves another organization's policy and keys alone", async () => {
    const other = await orgWithRoles(t.app);
    const read = await other.owner.client.get('/organization/key-policy');
    expect(read.body.data).toMatchObject(DEFAULT_KEY_POLICY);
    // org has a 30-day maximum; the other organization still creates keys without expiry.
    expect((await other.developer.client.post('/keys', newKeyBody())).status).toBe(201);
    expectPolicyRefusal(await org.admin.client.post('/keys', newKeyBody()), 422, 'maxLifetimeDays');
  });

  it.each([
    ['a zero lifetime', { maxLifetimeDays: 0 }, 'maxLifetimeDays'],
    ['a lifetime over ten years', { maxLifetimeDays: 3651 }, 'maxLifetimeDays'],
    ['a fractional lifetime', { maxLifetimeDays: 1.5 }, 'maxLifetimeDays'],
    ['members as creators', { creatorRoles: ['member'] }, 'creatorRoles.0'],
    ['no creators', { creatorRoles: [] }, 'creatorRoles'],
    ['a cap for members', { maxScopesByRole: { member: ['read'] } }, 'maxScopesByRole'],
    ['an unknown scope', { maxScopesByRole: { developer: ['keys:write'] } }, 'maxScopesByRole.developer.0'],
    ['an empty cap', { maxScopesByRole: { developer: [] } }, 'maxScopesByRole.developer'],
    ['a zero dormancy', { dormantDays: 0 }, 'dormantDays'],
    ['a missing field', { allowNoExpiry: undefined }, 'allowNoExpiry'],
    ['an unknown field', { maxKeys: 3 }, ''],
  ])('refuses %s with 422 naming the field', async (_label, overrides, field) => {
    const res = await org.owner.client.put('/organization/key-policy', { ...policy(), ...overrides });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_error');
    if (field) expect(res.body.error.details.fields.map((f: any) => f.path)).toContain(field);
  });
});

describe('creating keys under the policy', () => {
  it('maxLifetimeDays: refuses a later or missing expiry (422, longestExpiresAt), accepts one within', async () => {
    const org = await withPolicy({ maxLifetimeDays: 30 });
    const far = await org.developer.client.post('/keys', newKeyBody({ expiresAt: inDays(31) }));
    expectPolicyRefusal(far, 422, 'maxLifetimeDays');
    expect(far.body.error.details.fields[0].path).toBe('expiresAt');
    const longest = Date.parse(far.body.error.details.longestExpiresAt);
    expect(Math.abs(longest - Date.now() - 30 * DAY)).toBeLessThan(60_000);
    expectPolicyRefusal(await org.owner.client.post('/keys', newKeyBody()), 422, 'maxLifetimeDays');
    expect((await org.developer.client.post('/keys', newKeyBody({ expiresAt: inDays(29) }))).status).toBe(
      201,
    );
  });

  it('allowNoExpiry false: refuses a key without expiry, any length otherwise', async () => {
    const org = await withPolicy({ allowNoExpiry: false });
    expectPolicyRefusal(await org.admin.client.post('/keys', newKeyBody()), 422, 'allowNoExpiry');
    expect((await org.admin.client.post('/keys', newKeyBody({ expiresAt: inDays(900) }))).status).toBe(201);
  });

  it('creatorRoles: a developer left out gets 403 policy; admins still create; members stay 403 role', async () => {
    const org = await withPolicy({ creatorRoles: ['owner', 'admin'] });
    const dev = await org.developer.client.post('/keys', newKeyBody());
    expectPolicyRefusal(dev, 403, 'creatorRoles');
    expect(dev.body.error.message).toContain('owner, admin');
    expectPolicyRefusal(await org.developer.client.post('/playground-keys', {}), 403, 'creatorRoles');
    expect((await org.admin.client.post('/keys', newKeyBody())).status).toBe(201);
    expect((await org.owner.client.post('/keys', newKeyBody())).status).toBe(201);
    const member = await org.member.client.post('/keys', newKeyBody());
    expect(member.status).toBe(403);
    expect(member.body.error.details.reason).toBe('role');
  });

  it('maxScopesByRole: a developer capped at read cannot grant more; the admin is not capped', async () => {
    const org = await withPolicy({ maxScopesByRole: { developer: ['read'] } });
    const wide = await org.developer.client.post(
      '/keys',
      newKeyBody({ scopes: ['people:read', 'people:write'] }),
    );
    expectPolicyRefusal(wide, 422, 'maxScopesByRole');
    expect(wide.body.error.details).toMatchObject({ scopes: ['people:write'], allowedScopes: ['read'] });
    expectPolicyRefusal(
      await org.developer.client.post('/keys', newKeyBody({ scopes: ['ALL'] })),
      422,
      'maxScopesByRole',
    );
    for (const scopes of [['read'], ['people:read', 'companies:read']]) {
      expect((await org.developer.client.post('/keys', newKeyBody({ scopes }))).status).toBe(201);
    }
    expect((await org.admin.client.post('/keys', newKeyBody({ scopes: ['ALL'] }))).status).toBe(201);
  });

  it('requireIpAllowlist: a key without an allow-list is refused (422 naming ipAllowlist)', async () => {
    const org = await withPolicy({ requireIpAllowlist: true });
    const res = await org.owner.client.post('/keys', newKeyBody());
    expectPolicyRefusal(res, 422, 'requireIpAllowlist');
    expect(res.body.error.details.fields[0].path).toBe('ipAllowlist');
    const withList = await org.developer.client.post(
      '/keys',
      newKeyBody({ ipAllowlist: ['203.0.113.0/24'] }),
    );
    expect(withList.status).toBe(201);
    expect(withList.body.data.apiKey.policyViolations).toEqual([]);
    // Changing the ranges is fine; removing the last one is refused while the policy requires a list.
    const id = withList.body.data.apiKey.id;
    expect((await org.developer.client.patch(`/keys/${id}`, { ipAllowlist: ['198.51.100.7'] })).status).toBe(
      200,
    );
    expectPolicyRefusal(
      await org.developer.client.patch(`/keys/${id}`, { ipAllowlist: [] }),
      422,
      'requireIpAllowlist',
    );
  });

  it('does not bind the platform operator (CLI); its key is flagged instead', async () => {
    const org = await withPolicy({ maxLifetimeDays: 7 });
    const { id } = await createTestKey(t.deps, { orgId: org.orgId, scopes: ['read'] });
    const list = await org.owner.client.get('/keys');
    expect(list.body.data.find((k: any) => k.id === id).policyViolations).toEqual(['no_expiry']);
  });
});

describe('editing scopes under the policy', () => {
  it('refuses widening beyond the cap, allows keeping and narrowing a key that exceeds it', async () => {
    const org = await orgWithRoles(t.app);
    const made = await org.developer.client.post('/keys', newKeyBody({ scopes: ['write'] }));
    expect(made.status).toBe(201);
    const id = made.body.data.apiKey.id;
    const put = await org.owner.client.put(
      '/organization/key-policy',
      policy({ maxScopesByRole: { developer: ['read'] } }),
    );
    expect(put.status).toBe(200);
    const own = await org.developer.client.get('/keys');
    expect(own.body.data.find((k: any) => k.id === id).policyViolations).toEqual(['scopes']);
    // Narrowing (even to something still beyond the cap) and renaming are never refused.
    const narrowed = await org.developer.client.patch(`/keys/${id}`, { scopes: ['people:write', 'read'] });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.data.policyViolations).toEqual(['scopes']);
    expect(
      (await org.developer.client.patch(`/keys/${id}`, { name: 'x', scopes: ['people:write', 'read'] }))
        .status,
    ).toBe(200);
    // Widening back to write is refused for the developer…
    expectPolicyRefusal(
      await org.developer.client.patch(`/keys/${id}`, { scopes: ['write'] }),
      422,
      'maxScopesByRole',
    );
    // …and allowed for the uncapped admin.
    const admin = await org.admin.client.patch(`/keys/${id}`, { scopes: ['people:read'] });
    expect(admin.status).toBe(200);
    expect(admin.body.data.policyViolations).toEqual([]);
  });
});

describe('rolling keys under the policy', () => {
  it('a roll without a choice gets the default shortened to the maximum; a later choice is refused', async () => {
    const org = await orgWithRoles(t.app);
    const made = await org.developer.client.post('/keys', newKeyBody());
    const id = made.body.data.apiKey.id;
    await org.owner.client.put('/organization/key-policy', policy({ maxLifetimeDays: 30 }));
    expectPolicyRefusal(
      await org.developer.client.post(`/keys/${id}/roll`, { gracePeriodSeconds: 0, keepExpiry: true }),
      422,
      'maxLifetimeDays',
    );
    expectPolicyRefusal(
      await org.developer.client.post(`/keys/${id}/roll`, { gracePeriodSeconds: 0, expiresAt: inDays(60) }),
      422,
      'maxLifetimeDays',
    );
    const rolled = await org.developer.client.post(`/keys/${id}/roll`, { gracePeriodSeconds: 0 });
    expect(rolled.status).toBe(201);
    const expires = Date.parse(rolled.body.data.apiKey.expiresAt);
    expect(Math.abs(expires - Date.now() - 30 * DAY)).toBeLessThan(60_000);
    expect(rolled.body.data.apiKey.policyViolations).toEqual([]);
  });

  it("a developer capped below a key's scopes must narrow it before rolling it; roles left out of creatorRoles still roll", async () => {
    const org = await orgWithRoles(t.app);
    const id = (await org.developer.client.post('/keys', newKeyBody({ scopes: ['write'] }))).body.data.apiKey
      .id;
    await org.owner.client.put(
      '/organization/key-policy',
      policy({ creatorRoles: ['owner'], maxScopesByRole: { developer: ['read'] } }),
    );
    expectPolicyRefusal(
      await org.developer.client.post(`/keys/${id}/roll`, { gracePeriodSeconds: 0 }),
      422,
      'maxScopesByRole',
    );
    expect((await org.developer.client.patch(`/keys/${id}`, { scopes: ['read'] })).status).toBe(200);
    expect((await org.developer.client.post(`/keys/${id}/roll`, { gracePeriodSeconds: 0 })).status).toBe(201);
  });

  it('a self-roll follows the lifetime rules too', async () => {
    const org = await orgWithRoles(t.app);
    const { key } = await createTestKey(t.deps, {
      orgId: org.orgId,
      scopes: ['read'],
      createdBy: org.owner.userId,
    });
    await org.owner.client.put('/organization/key-policy', policy({ maxLifetimeDays: 10 }));
    const selfRoll = (body: unknown) =>
      t.app.request('/api/v1/keys/current/roll', {
        method: 'POST',
        headers: { ...apiKeyHeaders(key), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const none = await selfRoll({ gracePeriodSeconds: 0, expiresAt: null });
    expect(none.status).toBe(422);
    expect((await readJson(none)).error.details).toMatchObject({
      reason: 'policy',
      policy: 'maxLifetimeDays',
    });
    const ok = await selfRoll({ gracePeriodSeconds: 0 });
    expect(ok.status).toBe(201);
    const body = await readJson(ok);
    expect(Math.abs(Date.parse(body.data.apiKey.expiresAt) - Date.now() - 10 * DAY)).toBeLessThan(60_000);
  });
});

describe('policyViolations on existing keys', () => {
  it('flags keys made before a policy, only while they work', async () => {
    const org = await orgWithRoles(t.app);
    const forever = (await org.developer.client.post('/keys', newKeyBody({ scopes: ['ALL'] }))).body.data
      .apiKey.id;
    const long = (await org.developer.client.post('/keys', newKeyBody({ expiresAt: inDays(365) }))).body.data
      .apiKey.id;
    const revoked = (await org.developer.client.post('/keys', newKeyBody())).body.data.apiKey.id;
    expect((await org.developer.client.post(`/keys/${revoked}/revoke`)).status).toBe(200);
    const before = await org.developer.client.get('/keys');
    for (const k of before.body.data) expect(k.policyViolations).toEqual([]);
    await org.owner.client.put(
      '/organization/key-policy',
      policy({ maxLifetimeDays: 90, maxScopesByRole: { developer: ['read'] }, requireIpAllowlist: true }),
    );
    const after = (await org.developer.client.get('/keys')).body.data;
    const of = (id: string) => after.find((k: any) => k.id === id).policyViolations;
    expect(of(forever)).toEqual(['no_expiry', 'scopes', 'ip_allowlist']);
    expect(of(long)).toEqual(['lifetime', 'ip_allowlist']);
    expect(of(revoked)).toEqual([]);
  });
});
