import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.js';
import { createTestKey } from '../helpers/api-keys.js';
import { ConsoleClient, type TestApp } from '../helpers/app.js';
import { ApiClient, createCrmTestApp, uniqueDomain } from './helpers.js';

let t: TestApp;
let api: ApiClient;
let userId: string;
beforeAll(async () => {
  t = await createCrmTestApp();
  const owner = await new ConsoleClient(t.app).signup();
  userId = owner.userId;
  const { key, prefix } = await createTestKey(t.deps, {
    orgId: owner.orgId,
    scopes: ['write'],
    createdBy: owner.userId,
  });
  api = new ApiClient(t, owner.orgId, key, prefix);
});
afterAll(() => t.close());

const eventsFor = (targetId: string) =>
  t.deps.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, api.orgId), eq(auditEvents.targetId, targetId)))
    .orderBy(auditEvents.id);

describe('audit of API writes', () => {
  it('records create, update and delete with the key prefix and its creator', async () => {
    const d = uniqueDomain();
    const p = (await api.post('/people', { email: `audit@${d}` })).body.data;
    await api.patch(`/people/${p.id}`, { title: 'CFO' });
    await api.delete(`/people/${p.id}`);
    const events = await eventsFor(p.id);
    expect(events.map((e) => e.action)).toEqual(['person.created', 'person.updated', 'person.deleted']);
    for (const e of events) {
      expect(e).toMatchObject({ actorType: 'api_key', actorLabel: api.prefix, keyCreatorId: userId });
      expect(e.requestId).toMatch(/^req_/);
    }
    expect(events[1]?.metadata).toEqual({ fields: ['title'] });
    const company = (await eventsFor(p.companyId))[0];
    expect(company).toMatchObject({
      action: 'company.created',
      actorLabel: api.prefix,
      metadata: { domain: d, reason: 'linked_from_email' },
    });
  });

  it('records interactions and companies; a no-op update records nothing', async () => {
    const c = (await api.post('/companies', { name: 'Audited', domain: uniqueDomain() })).body.data;
    await api.patch(`/companies/${c.id}`, { name: 'Audited' });
    expect((await eventsFor(c.id)).map((e) => e.action)).toEqual(['company.created']);
    const i = (
      await api.post('/interactions', { type: 'MEMO', mainContactEmail: `m-${Date.now()}@gmail.com` })
    ).body.data;
    await api.delete(`/interactions/${i.id}`);
    expect((await eventsFor(i.id)).map((e) => e.action)).toEqual([
      'interaction.created',
      'interaction.deleted',
    ]);
  });
});
