import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Member, orgWithRoles } from '../console/key-clients.js';
import { ConsoleClient, createTestApp, type TestApp } from '../helpers/app.js';
import { backendName } from '../helpers/backend.js';

describe(`console webhooks: roles and tenancy (${backendName})`, () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof orgWithRoles>>;
  let endpointId: string;
  beforeAll(async () => {
    t = await createTestApp();
    org = await orgWithRoles(t.app);
    const res = await org.owner.client.post('/webhooks', {
      url: 'https://hooks.example.com/a',
      description: 'CRM sync',
    });
    endpointId = res.body.data.endpoint.id;
  });
  afterAll(() => t.close());

  const routes = (id: string): [string, string, unknown?][] => [
    ['GET', '/webhooks'],
    ['GET', '/webhooks/event-types'],
    ['POST', '/webhooks', { url: 'https://hooks.example.com/b' }],
    ['GET', `/webhooks/${id}`],
    ['PATCH', `/webhooks/${id}`, { description: 'changed' }],
    ['POST', `/webhooks/${id}/rotate-secret`, {}],
    ['POST', `/webhooks/${id}/test`],
    ['GET', `/webhooks/${id}/deliveries`],
  ];

  it('developers and members get 403 on every route', async () => {
    for (const m of [org.developer, org.member] as Member[])
      for (const [method, path, body] of routes(endpointId)) {
        const res = await m.client.request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.details.reason).toBe('role');
      }
  });

  it('admins manage endpoints an owner created (no creator rule), and owners an admin’s', async () => {
    for (const [method, path, body] of routes(endpointId)) {
      const res = await org.admin.client.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
    }
    const mine = await org.admin.client.post('/webhooks', { url: 'https://hooks.example.com/admin' });
    expect((await org.owner.client.delete(`/webhooks/${mine.body.data.endpoint.id}`)).status).toBe(200);
  });

  it('another organization sees 404, and signed-out callers 401', async () => {
    const stranger = new ConsoleClient(t.app);
    await stranger.signup();
    for (const [method, path, body] of routes(endpointId).filter(([, p]) => p.includes(endpointId))) {
      const res = await stranger.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await stranger.delete(`/webhooks/${endpointId}`)).status).toBe(404);
    expect((await stranger.get('/webhooks')).body.data).toEqual([]);
    expect((await new ConsoleClient(t.app).get('/webhooks')).status).toBe(401);
  });

  it('bad input is a 422 naming the field, never a 500; unknown ids 404', async () => {
    const c = org.owner.client;
    expect((await c.post('/webhooks', { url: 'https://x.example.com', eventTypes: ['nope'] })).status).toBe(
      422,
    );
    expect((await c.post('/webhooks', { url: 'https://x.example.com', extra: 1 })).status).toBe(422);
    expect((await c.post('/webhooks', { url: 'x'.repeat(3000) })).status).toBe(422);
    expect((await c.get('/webhooks/whe_nope')).status).toBe(404);
    expect((await c.post(`/webhooks/${endpointId}/deliveries/msg_nope/redeliver`)).status).toBe(404);
    expect((await c.post(`/webhooks/${endpointId}/rotate-secret`, { overlapSeconds: -1 })).status).toBe(422);
  });

  it('creating returns the secret once with no-store; the list never shows it; actions are audited', async () => {
    const res = await org.owner.client.post('/webhooks', {
      url: 'https://hooks.example.com/c',
      eventTypes: ['lead.captured'],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.data.secret).toMatch(/^whsec_/);
    expect(res.body.data.endpoint).toMatchObject({ eventTypes: ['lead.captured'], enabled: true });
    const list = await org.owner.client.get('/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(res.body.data.secret);
    const audit = await org.owner.client.get('/audit-log?action=webhook.*');
    const actions = (audit.body.data as any[]).map((a) => a.action);
    expect(actions).toContain('webhook.created');
    expect(JSON.stringify(audit.body)).not.toContain('whsec_');
  });
});
