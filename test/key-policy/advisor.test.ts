/**
 * The least-privilege advisor (issue 14 item 1): `usedScopes` from recorded 2xx usage,
 * the narrower scope list and the audited one-click narrow (an ordinary PATCH), dormant
 * keys by the policy's `dormantDays`, and `GET /console/api/keys/summary` per role and
 * per organization.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.js';
import { summarizeKeys } from '../../src/modules/api-keys/key-advice.js';
import { listApiKeys } from '../../src/modules/api-keys/list-api-keys.js';
import { revokeApiKey } from '../../src/modules/api-keys/revoke-api-key.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { DEFAULT_KEY_POLICY } from '../../src/modules/key-policy/schemas.js';
import { updateKeyPolicy } from '../../src/modules/key-policy/update-key-policy.js';
import { newKeyBody, orgWithRoles } from '../console/key-clients.js';
import { apiKeyHeaders } from '../helpers/api-keys.js';
import { createTestApp, type TestApp, uniqueEmail } from '../helpers/app.js';
import { TestClock } from '../helpers/deps.js';

const DAY = 86_400_000;
const clock = new TestClock();
let t: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  t = await createTestApp({ clock });
  org = await orgWithRoles(t.app);
});
afterAll(() => t.close());

const v1 = (key: string, method: string, path: string, body?: unknown) =>
  Promise.resolve(
    t.app.request(`/api/v1${path}`, {
      method,
      headers: { ...apiKeyHeaders(key), 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );

const listed = async (id: string) =>
  (await org.developer.client.get('/keys')).body.data.find((k: any) => k.id === id);

describe('usedScopes and the narrowing advice', () => {
  let id = '';
  let key = '';

  it('counts the scopes of routes a key called with a 2xx, not its 4xx', async () => {
    const made = await org.developer.client.post('/keys', newKeyBody({ scopes: ['write'] }));
    expect(made.status).toBe(201);
    ({ key } = made.body.data);
    id = made.body.data.apiKey.id;
    expect(made.body.data.apiKey.policyViolations).toEqual([]);
    const fresh = await listed(id);
    expect(fresh).toMatchObject({
      usedScopes: [],
      grantedScopeCount: 9,
      suggestedScopes: null,
      dormant: false,
    });

    const person = await v1(key, 'POST', '/people', { email: uniqueEmail('adv') });
    expect(person.status).toBe(201);
    const personId = ((await person.json()) as any).data.id;
    expect((await v1(key, 'GET', `/people/${personId}`)).status).toBe(200);
    // 404s: the integration tried, but nothing was exercised.
    expect((await v1(key, 'DELETE', '/people/per_00000000000000000000000000')).status).toBe(404);
    expect((await v1(key, 'GET', '/companies/com_00000000000000000000000000')).status).toBe(404);

    const advised = await listed(id);
    expect(advised.usedScopes).toEqual(['people:read', 'people:write']);
    expect(advised.grantedScopeCount).toBe(9);
    expect(advised.suggestedScopes).toEqual(['people:read', 'people:write']);
    const summary = await org.developer.client.get('/keys/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.data).toMatchObject({ active: 1, overPrivileged: 1, neverExpiring: 1, dormant: 0 });
  });

  it('narrowing is an ordinary audited PATCH under the same permission rules', async () => {
    const advice = (await listed(id)).suggestedScopes;
    // A member may not; the key's creator (developer) may.
    expect((await org.member.client.patch(`/keys/${id}`, { scopes: advice })).status).toBe(403);
    const narrowed = await org.developer.client.patch(`/keys/${id}`, { scopes: advice });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.data.scopes).toEqual(['people:read', 'people:write']);
    const after = await listed(id);
    expect(after).toMatchObject({
      usedScopes: ['people:read', 'people:write'],
      grantedScopeCount: 2,
      suggestedScopes: null,
    });
    const audit = await t.deps.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, 'api_key.updated')));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.metadata).toMatchObject({ changes: { scopes: { from: ['write'], to: advice } } });
    expect((await org.developer.client.get('/keys/summary')).body.data.overPrivileged).toBe(0);
  });
});

describe('GET /console/api/keys/summary', () => {
  it('answers developers and up, refuses members, and counts only the organization’s keys', async () => {
    for (const role of ['owner', 'admin', 'developer'] as const) {
      expect((await org[role].client.get('/keys/summary')).status).toBe(200);
    }
    const member = await org.member.client.get('/keys/summary');
    expect(member.status).toBe(403);
    expect(member.body.error.details.reason).toBe('role');
    const other = await orgWithRoles(t.app);
    const soon = new Date(clock.now().getTime() + 3 * DAY).toISOString();
    expect((await other.developer.client.post('/keys', newKeyBody({ expiresAt: soon }))).status).toBe(201);
    expect((await other.owner.client.get('/keys/summary')).body.data).toEqual({
      active: 1,
      overPrivileged: 0,
      dormant: 0,
      neverExpiring: 0,
      violatingPolicy: 0,
      expiringSoon: 1,
    });
    expect((await org.owner.client.get('/keys/summary')).body.data.expiringSoon).toBe(0);
  });
});

describe('dormant keys', () => {
  // Last: moving the clock 31 days ends the console sessions, so this reads through the services.
  it('is dormant after dormantDays without use (creation time when never used); usage older than 30 days is forgotten', async () => {
    const list = async () => listApiKeys(t.deps, org.orgId);
    const of = async (id: string) => (await list()).find((k) => k.id === id)!;
    const never = (await org.admin.client.post('/keys', newKeyBody({ scopes: ['read'] }))).body.data.apiKey
      .id;
    const used = (await list()).find((k) => k.usedScopes.length > 0)!.id;
    clock.advance(29 * DAY);
    expect((await of(never)).dormant).toBe(false);
    clock.advance(2 * DAY);
    expect((await of(never)).dormant).toBe(true);
    expect(await of(used)).toMatchObject({ dormant: true, usedScopes: [] });
    // A policy with a longer threshold un-flags them.
    const setPolicy = (dormantDays: number) =>
      updateKeyPolicy(t.deps, {
        orgId: org.orgId,
        actor: operatorActor,
        policy: { ...DEFAULT_KEY_POLICY, dormantDays },
      });
    await setPolicy(60);
    expect((await of(never)).dormant).toBe(false);
    await setPolicy(30);
    expect(summarizeKeys(await list(), clock.now()).dormant).toBe(2);
    // A revoked key is not dormant, just revoked.
    await revokeApiKey(t.deps, { orgId: org.orgId, id: never, actor: operatorActor });
    expect((await of(never)).dormant).toBe(false);
  });
});
