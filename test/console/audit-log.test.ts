import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp } from '../helpers/app.js';
import { newKeyBody, orgWithRoles } from './key-clients.js';

let t: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
const keyIds: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  org = await orgWithRoles(t.app);
  for (let i = 0; i < 5; i++) {
    const res = await org.developer.client.post('/keys', newKeyBody({ name: `key ${i}` }));
    keyIds.push(res.body.data.apiKey.id);
  }
  await org.developer.client.patch(`/keys/${keyIds[0]}`, { name: 'renamed' });
  await org.developer.client.post(`/keys/${keyIds[1]}/revoke`);
});
afterAll(() => t.close());

describe('GET /console/api/audit-log', () => {
  it('pages newest first with an opaque keyset cursor until has_next_page is false', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await org.admin.client.get(`/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.data.map((e: any) => e.id));
      cursor = res.body.page_info.next_cursor;
      expect(res.body.page_info.has_next_page).toBe(cursor !== null);
    } while (cursor);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7 + 4);
  });

  it('filters by action, actor, key and time, with actor and prefix on each event', async () => {
    const revoked = await org.admin.client.get('/audit-log?action=api_key.revoked');
    expect(revoked.body.data).toHaveLength(1);
    expect(revoked.body.data[0]).toMatchObject({
      action: 'api_key.revoked',
      actor: { type: 'user', id: org.developer.userId, label: org.developer.email },
      target: { type: 'api_key', id: keyIds[1] },
    });
    expect(revoked.body.data[0].target.label).toMatch(/^klipy_api_/);
    const family = await org.admin.client.get('/audit-log?action=api_key.*&limit=100');
    expect(family.body.data.every((e: any) => e.action.startsWith('api_key.'))).toBe(true);
    // Part of a name, any case: what people type into a filter box. `%` and `_` are literal.
    const partial = await org.admin.client.get('/audit-log?action=api_key&limit=100');
    expect(partial.body.data.map((e: any) => e.id)).toEqual(family.body.data.map((e: any) => e.id));
    const upper = await org.admin.client.get('/audit-log?action=REVOKED&limit=100');
    expect(upper.body.data.map((e: any) => e.action)).toEqual(['api_key.revoked']);
    expect((await org.admin.client.get('/audit-log?action=api%25key')).body.data).toEqual([]);
    expect((await org.admin.client.get('/audit-log?action=api_key_')).body.data).toEqual([]);
    const byActor = await org.admin.client.get(
      `/audit-log?actor=${org.developer.email}&action=api_key.*&limit=100`,
    );
    expect(byActor.body.data.length).toBe(7);
    const byKey = await org.admin.client.get(`/audit-log?keyId=${keyIds[0]}`);
    expect(byKey.body.data.map((e: any) => e.action)).toEqual(['api_key.updated', 'api_key.created']);
    expect(byKey.body.data[0].metadata.changes.name).toEqual({ from: 'key 0', to: 'renamed' });
    const future = await org.admin.client.get(
      `/audit-log?from=${new Date(Date.now() + 60_000).toISOString()}`,
    );
    expect(future.body.data).toEqual([]);
    const past = await org.admin.client.get(`/audit-log?to=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(past.body.data.length).toBeGreaterThan(0);
  });

  it('shows developers key events only, and refuses members', async () => {
    const dev = await org.developer.client.get('/audit-log?limit=200');
    expect(dev.status).toBe(200);
    expect(dev.body.data.length).toBeGreaterThan(0);
    expect(dev.body.data.every((e: any) => e.action.startsWith('api_key.'))).toBe(true);
    const admin = await org.admin.client.get('/audit-log?limit=200');
    expect(admin.body.data.some((e: any) => !e.action.startsWith('api_key.'))).toBe(true);
    expect((await org.member.client.get('/audit-log')).status).toBe(403);
  });

  it.each(['cursor=nope', 'cursor=YXVkX2Zvbw', 'limit=0', 'limit=201', 'from=yesterday'])(
    'refuses %s with a 4xx, never a 500',
    async (query) => {
      const res = await org.admin.client.get(`/audit-log?${query}`);
      expect([400, 422]).toContain(res.status);
    },
  );
});

describe('GET /console/api/audit-log/export', () => {
  it('exports CSV with a header row and formula-safe cells', async () => {
    await org.developer.client.post('/keys', newKeyBody({ name: '=HYPERLINK("http://evil")' }));
    const res = await t.app.request('/console/api/audit-log/export?format=csv&action=api_key.created', {
      headers: { cookie: org.admin.client.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-.*\.csv"/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,createdAt,action,actorType,actorId,actorLabel,keyCreatorId,targetType,targetId,targetLabel,ip,requestId,metadata,orgId,seq,hash,prevHash',
    );
    expect(lines).toHaveLength(1 + 6);
    expect(lines.join('\n')).not.toContain(',"=HYPERLINK');
  });

  it('exports JSON with the same filters, and key events only for developers', async () => {
    const res = await t.app.request('/console/api/audit-log/export?format=json', {
      headers: { cookie: org.developer.client.cookie },
    });
    expect(res.status).toBe(200);
    const events = await readJson(res);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e: any) => e.action.startsWith('api_key.'))).toBe(true);
    const bad = await t.app.request('/console/api/audit-log/export?format=xml', {
      headers: { cookie: org.admin.client.cookie },
    });
    expect(bad.status).toBe(422);
  });
});
