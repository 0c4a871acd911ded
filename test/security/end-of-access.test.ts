/**
 * End of access is total and visible (issue 9, item 2): removing a member revokes the
 * keys they created in the same transaction, audited per key and invalidated on every
 * node; their session ends; re-inviting them revives nothing; a key that cannot be used
 * never mints a successor; the console says why a key is not active.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { postgresUrl } from '../helpers/backend.js';
import { createTestDeps } from '../helpers/deps.js';
import { team } from './team.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const api = (app: TestApp['app'], key: string, path = '/api/v1/authenticate', init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { 'x-klipy-api-key': key, 'content-type': 'application/json', ...init.headers },
  });

const selfRoll = (key: string) =>
  api(t.app, key, '/api/v1/keys/current/roll', { method: 'POST', body: '{"gracePeriodSeconds":0}' });

describe('removing a member', () => {
  it('revokes every key they created at once, with an audit row per key, and lists them as revoked with the reason', async () => {
    const { owner, join } = await team(t.app);
    const dev = await join('developer');
    const keys: { key: string; id: string }[] = [];
    for (const name of ['sync', 'warehouse']) {
      const created = await dev.client.post('/keys', { name, scopes: ['ALL'], expiresAt: null });
      expect(created.status).toBe(201);
      keys.push({ key: created.body.data.key, id: created.body.data.apiKey.id });
    }
    // Warm every cache: a cached principal must not outlive the removal.
    for (const { key } of keys) expect((await api(t.app, key)).status).toBe(200);

    const removed = await owner.delete(`/members/${dev.userId}`);
    expect(removed.status).toBe(200);
    expect(removed.body.data.keysRevoked).toBe(2);

    for (const { key } of keys) {
      const res = await api(t.app, key);
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error.details.reason).toBe('revoked');
      expect((await selfRoll(key)).status).toBe(401);
    }
    const list = await owner.get('/keys');
    for (const { id } of keys) {
      expect(list.body.data.find((k: { id: string }) => k.id === id)).toMatchObject({
        status: 'revoked',
        statusReason: 'member_removed',
      });
    }
    const audit = await owner.get('/audit-log?limit=100');
    const revocations = audit.body.data.filter(
      (e: { action: string; metadata: { reason?: string } }) =>
        e.action === 'api_key.revoked' && e.metadata.reason === 'member_removed',
    );
    expect(revocations.map((e: { target: { id: string } }) => e.target.id).sort()).toEqual(
      keys.map((k) => k.id).sort(),
    );
  });

  it('ends their session, and inviting them back revives no key', async () => {
    const { owner, join, rejoin } = await team(t.app);
    const dev = await join('developer');
    const created = await dev.client.post('/keys', { name: 'k', scopes: ['ALL'], expiresAt: null });
    const key = created.body.data.key as string;
    expect((await owner.delete(`/members/${dev.userId}`)).status).toBe(200);
    expect((await dev.client.get('/keys')).status).toBe(401);

    const back = await rejoin(dev.email, 'developer');
    expect((await api(t.app, key)).status).toBe(401);
    const list = await back.get('/keys');
    expect(list.status).toBe(200);
    expect(list.body.data.find((k: { id: string }) => k.id === created.body.data.apiKey.id).status).toBe(
      'revoked',
    );
  });

  it("never lets a removed member's key mint a successor, even via the console roll of an admin", async () => {
    const { owner, join } = await team(t.app);
    const dev = await join('developer');
    const created = await dev.client.post('/keys', { name: 'k', scopes: ['read'], expiresAt: null });
    expect((await owner.delete(`/members/${dev.userId}`)).status).toBe(200);
    const roll = await owner.post(`/keys/${created.body.data.apiKey.id}/roll`, { gracePeriodSeconds: 0 });
    expect(roll.status).toBe(409);
  });

  it('leaves the keys of other members untouched', async () => {
    const { owner, join } = await team(t.app);
    const dev = await join('developer');
    const other = await join('developer');
    const kept = await other.client.post('/keys', { name: 'kept', scopes: ['read'], expiresAt: null });
    await dev.client.post('/keys', { name: 'gone', scopes: ['read'], expiresAt: null });
    expect((await owner.delete(`/members/${dev.userId}`)).status).toBe(200);
    expect((await api(t.app, kept.body.data.key)).status).toBe(200);
  });
});

describe('a key that cannot be used never mints a successor', () => {
  it('refuses self-roll and console roll when the plan or API flag is off, and shows why', async () => {
    const { owner, orgId } = await team(t.app);
    const created = await owner.post('/keys', { name: 'k', scopes: ['read'], expiresAt: null });
    const { key } = created.body.data;
    const { updateOrg } = await import('../../src/modules/orgs/update-org.js');
    const { operatorActor } = await import('../../src/modules/audit/actor.js');
    for (const changes of [{ plan: 'free' as const }, { apiEnabled: false }]) {
      await updateOrg(t.deps, { orgId, changes, actor: operatorActor });
      expect((await selfRoll(key)).status).toBe(403);
      expect(
        (await owner.post(`/keys/${created.body.data.apiKey.id}/roll`, { gracePeriodSeconds: 0 })).status,
      ).toBe(403);
      const listed = (await owner.get('/keys')).body.data.find(
        (k: { id: string }) => k.id === created.body.data.apiKey.id,
      );
      expect(listed.statusReason).toBe('plan' in changes ? 'plan' : 'api_disabled');
      await updateOrg(t.deps, {
        orgId,
        changes: { plan: 'standard', apiEnabled: true },
        actor: operatorActor,
      });
    }
    expect((await selfRoll(key)).status).toBe(201);
  });

  it('refuses to roll a revoked or expired key', async () => {
    const { owner } = await team(t.app);
    const created = await owner.post('/keys', { name: 'k', scopes: ['read'], expiresAt: null });
    expect((await owner.post(`/keys/${created.body.data.apiKey.id}/revoke`)).status).toBe(200);
    expect((await selfRoll(created.body.data.key)).status).toBe(401);
    expect(
      (await owner.post(`/keys/${created.body.data.apiKey.id}/roll`, { gracePeriodSeconds: 0 })).status,
    ).toBe(409);
  });
});

describe.skipIf(!postgresUrl)('across nodes (PostgreSQL + bus)', () => {
  it("a second node refuses the removed member's cached key on its very next request", async () => {
    const nodeB = await createTestDeps();
    try {
      const appB = buildApp(nodeB);
      const { owner, join } = await team(t.app);
      const dev = await join('developer');
      const created = await dev.client.post('/keys', { name: 'k', scopes: ['read'], expiresAt: null });
      const { key } = created.body.data;
      expect((await api(appB, key)).status).toBe(200);
      expect((await owner.delete(`/members/${dev.userId}`)).status).toBe(200);
      // Redis pub/sub (or LISTEN/NOTIFY) delivers asynchronously: wait for the message, bounded.
      let status = 200;
      for (let i = 0; i < 50 && status === 200; i++) {
        status = (await api(appB, key)).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(401);
    } finally {
      await nodeB.close();
    }
  });
});
