import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.js';
import { ConsoleClient, type TestApp } from '../helpers/app.js';
import { createCrmTestApp, uniqueDomain } from './helpers.js';

let t: TestApp;
let owner: ConsoleClient;
let ownerInfo: { email: string; userId: string; orgId: string };
beforeAll(async () => {
  t = await createCrmTestApp();
  owner = new ConsoleClient(t.app);
  ownerInfo = await owner.signup();
});
afterAll(() => t.close());

describe('/console/api/crm (the same operations with a session)', () => {
  it('creates, queries, updates, gets and deletes with the session; audited as the user', async () => {
    const d = uniqueDomain();
    const created = await owner.post('/crm/people', { email: `console@${d}`, firstName: 'Con' });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const list = await owner.post('/crm/people/query', { filter: { text: 'con' } });
    expect(list.body.data.map((p: { id: string }) => p.id)).toContain(id);
    expect(list.body.page_info).toBeDefined();
    expect((await owner.patch(`/crm/people/${id}`, { title: 'Boss' })).body.data.title).toBe('Boss');
    expect((await owner.get(`/crm/people/${id}`)).body.data.title).toBe('Boss');
    const upsert = await owner.request('PUT', '/crm/companies', { domain: d, industry: 'Tools' });
    expect(upsert.body.data.result).toBe('updated');
    const i = await owner.post('/crm/interactions', {
      type: 'MEMO',
      mainContact: id,
      mainContactEmail: '',
      direction: '',
    });
    expect(i.status).toBe(201);
    expect(i.body.data.createdBy).toBe(ownerInfo.email);
    expect((await owner.delete(`/crm/people/${id}`)).status).toBe(200);
    const [event] = await t.deps.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, 'person.created')));
    expect(event).toMatchObject({
      actorType: 'user',
      actorId: ownerInfo.userId,
      actorLabel: ownerInfo.email,
    });
  });

  it('needs a session (401) and refuses a cross-site write (CSRF, 403)', async () => {
    expect((await new ConsoleClient(t.app).post('/crm/people/query', {})).status).toBe(401);
    const res = await owner.request(
      'POST',
      '/crm/people',
      { firstName: 'x' },
      { 'content-type': 'text/plain' },
    );
    expect(res.status).toBe(403);
    const crossSite = await owner.request(
      'POST',
      '/crm/people',
      { firstName: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
  });

  it('lets a member read and edit records but not delete them (developer or above)', async () => {
    const email = `member-${Date.now()}@example.com`;
    const invite = await owner.post('/invitations', { email, role: 'member' });
    const member = new ConsoleClient(t.app);
    expect(
      (
        await member.post('/invitations/accept', {
          token: invite.body.data.token,
          name: 'M',
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(200);
    const created = await member.post('/crm/companies', { name: 'By member', domain: uniqueDomain() });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect((await member.patch(`/crm/companies/${id}`, { industry: 'Retail' })).status).toBe(200);
    const refused = await member.delete(`/crm/companies/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({ reason: 'role', required_role: 'developer' });
    expect((await owner.get(`/crm/companies/${id}`)).status).toBe(200);
    expect((await owner.delete(`/crm/companies/${id}`)).status).toBe(200);
  });

  it("never shows another organization's records (404)", async () => {
    const mine = (await owner.post('/crm/companies', { name: 'Mine', domain: uniqueDomain() })).body.data;
    const stranger = new ConsoleClient(t.app);
    await stranger.signup();
    expect((await stranger.get(`/crm/companies/${mine.id}`)).status).toBe(404);
    expect((await stranger.delete(`/crm/companies/${mine.id}`)).status).toBe(404);
  });

  it('is not reachable with an API key alone', async () => {
    const res = await t.app.request('/console/api/crm/people/query', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-klipy-api-key': 'klipy_api_x' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });
});
