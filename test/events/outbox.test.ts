import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEndpoints } from '../../src/db/schema/index.js';
import { newId } from '../../src/infra/ids.js';
import { emitEvent } from '../../src/modules/events/emit-event.js';
import { OutboxWorker } from '../../src/modules/outbox/worker.js';
import { createCrmTestApp, crmCounts, newClient, uniqueDomain } from '../crm/helpers.js';
import type { TestApp } from '../helpers/app.js';
import { backendName } from '../helpers/backend.js';
import { eventsOf } from './helpers.js';

describe(`event outbox (${backendName})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createCrmTestApp();
  });
  afterAll(() => t.close());

  it('a created person emits lead.captured with a snake_case snapshot, in the same transaction', async () => {
    const api = await newClient(t);
    const domain = uniqueDomain();
    const res = await api.post('/people', {
      firstName: 'Ada',
      email: `ada@${domain}`,
      customFields: { myField: 1 },
    });
    expect(res.status).toBe(201);
    const [lead] = await eventsOf(t.deps, api.orgId, 'lead.captured');
    expect(lead?.data).toMatchObject({
      id: res.body.data.id,
      first_name: 'Ada',
      email: `ada@${domain}`,
      company_id: res.body.data.companyId,
      custom_fields: { myField: 1 },
    });
    expect(lead?.data).not.toHaveProperty('org_id');
    // The email's domain created its company: that is an event too.
    expect(await eventsOf(t.deps, api.orgId, 'company.created')).toHaveLength(1);
  });

  it('a refused write (409) emits nothing', async () => {
    const api = await newClient(t);
    const email = `dup@${uniqueDomain()}`;
    expect((await api.post('/people', { email })).status).toBe(201);
    const before = await crmCounts(t.deps, api.orgId);
    expect((await api.post('/people', { email })).status).toBe(409);
    expect(await crmCounts(t.deps, api.orgId)).toEqual(before);
  });

  it('an event written in a transaction that rolls back is gone with it', async () => {
    const api = await newClient(t);
    await expect(
      t.deps.database.db.transaction(async (tx) => {
        await emitEvent(tx, api.orgId, 'company.created', { id: 'x' });
        throw new Error('the change failed after the event was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await eventsOf(t.deps, api.orgId, 'company.created')).toHaveLength(0);
  });

  it('a title change emits person.updated and contact.job_changed; a no-op update emits nothing', async () => {
    const api = await newClient(t);
    const created = await api.post('/people', { firstName: 'Grace', title: 'Engineer' });
    const id = created.body.data.id;
    expect((await api.patch(`/people/${id}`, { title: 'Admiral' })).status).toBe(200);
    const [updated] = await eventsOf(t.deps, api.orgId, 'person.updated');
    expect(updated?.data).toMatchObject({ id, title: 'Admiral', previous_attributes: { title: 'Engineer' } });
    const [job] = await eventsOf(t.deps, api.orgId, 'contact.job_changed');
    expect(job?.data).toMatchObject({ id, title: 'Admiral', previous_attributes: { title: 'Engineer' } });
    expect((await api.patch(`/people/${id}`, { title: 'Admiral' })).status).toBe(200);
    expect(await eventsOf(t.deps, api.orgId, 'person.updated')).toHaveLength(1);
    await api.patch(`/people/${id}`, { remarks: 'met at a conference' });
    expect(await eventsOf(t.deps, api.orgId, 'person.updated')).toHaveLength(2);
    expect(await eventsOf(t.deps, api.orgId, 'contact.job_changed')).toHaveLength(1);
    expect((await api.delete(`/people/${id}`)).status).toBe(200);
    const [deleted] = await eventsOf(t.deps, api.orgId, 'person.deleted');
    expect(deleted?.data).toMatchObject({ id, deleted: true });
  });

  it('interactions: captured once per external id, deleted', async () => {
    const api = await newClient(t);
    const body = {
      type: 'EMAIL',
      mainContactEmail: `x@${uniqueDomain()}`,
      primaryId: 'ext-1',
      title: 'Hello',
    };
    const first = await api.post('/interactions', body);
    expect(first.status).toBe(201);
    expect((await api.post('/interactions', body)).body.data.isDuplicate).toBe(true);
    const captured = await eventsOf(t.deps, api.orgId, 'interaction.captured');
    expect(captured).toHaveLength(1);
    expect(captured[0]?.data).toMatchObject({ id: first.body.data.id, type: 'EMAIL', primary_id: 'ext-1' });
    await api.delete(`/interactions/${first.body.data.id}`);
    expect(await eventsOf(t.deps, api.orgId, 'interaction.deleted')).toHaveLength(1);
  });

  it('an interaction edit emits interaction.updated with previous attributes; a no-op edit emits nothing', async () => {
    const api = await newClient(t);
    const created = await api.post('/interactions', {
      type: 'EMAIL',
      mainContactEmail: `x@${uniqueDomain()}`,
      title: 'Intro',
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const res = await api.patch(`/interactions/${id}`, { title: 'Intro (moved)', type: 'MEETING' });
    expect(res.status).toBe(200);
    const [updated, ...more] = await eventsOf(t.deps, api.orgId, 'interaction.updated');
    expect(more).toHaveLength(0);
    expect(updated?.data).toMatchObject({
      id,
      type: 'MEETING',
      title: 'Intro (moved)',
      previous_attributes: { type: 'EMAIL', title: 'Intro' },
    });
    expect(updated?.data).not.toHaveProperty('org_id');
    expect(Object.keys((updated?.data as any)?.previous_attributes ?? {}).sort()).toEqual(['title', 'type']);
    expect((await api.patch(`/interactions/${id}`, { title: 'Intro (moved)' })).status).toBe(200);
    expect(await eventsOf(t.deps, api.orgId, 'interaction.updated')).toHaveLength(1);
    // Another organization's edit is a 404 and emits nothing in either organization.
    const other = await newClient(t);
    expect((await other.patch(`/interactions/${id}`, { title: 'theirs' })).status).toBe(404);
    expect(await eventsOf(t.deps, other.orgId, 'interaction.updated')).toHaveLength(0);
    expect(await eventsOf(t.deps, api.orgId, 'interaction.updated')).toHaveLength(1);
  });

  it('companies: created, updated with previous attributes, deleted', async () => {
    const api = await newClient(t);
    const c = await api.post('/companies', { name: 'Acme', domain: uniqueDomain() });
    await api.patch(`/companies/${c.body.data.id}`, { industry: 'Tools' });
    await api.delete(`/companies/${c.body.data.id}`);
    const types = (await eventsOf(t.deps, api.orgId))
      .map((e) => e.type)
      .filter((x) => x.startsWith('company'));
    expect(types).toEqual(['company.created', 'company.updated', 'company.deleted']);
    const [upd] = await eventsOf(t.deps, api.orgId, 'company.updated');
    expect(upd?.data).toMatchObject({ industry: 'Tools', previous_attributes: { industry: null } });
  });

  it('an event no endpoint subscribes to is written already dispatched: the worker has nothing to do', async () => {
    const api = await newClient(t);
    await api.post('/companies', { name: 'Solo' });
    await emitEvent(t.deps.database.db, api.orgId, 'member.joined', { user_id: 'usr_x' });
    const written = await eventsOf(t.deps, api.orgId);
    expect(written.map((e) => e.type)).toEqual(['api_key.created', 'company.created', 'member.joined']);
    for (const ev of written) expect(ev.dispatchedAt).toBeInstanceOf(Date);
    expect(await new OutboxWorker(t.deps, { orgId: api.orgId }).drain()).toBe(0);
  });

  it('events an enabled endpoint wants stay for the worker; the rest, and those only a disabled endpoint wants, do not', async () => {
    const api = await newClient(t);
    const wantsCreated = await addEndpoint(api.orgId, { eventTypes: ['company.created', 'lead.captured'] });
    await addEndpoint(api.orgId, { eventTypes: [], enabled: false });
    const company = await api.post('/companies', { name: 'Watched', domain: uniqueDomain() });
    await api.patch(`/companies/${company.body.data.id}`, { industry: 'Tools' });
    const batch = await api.post('/people/batch', {
      items: [{ email: `a@${uniqueDomain()}` }, { email: 'b@gmail.com' }],
    });
    expect(batch.body.data.summary.failed).toBe(0);
    const undispatched = async () =>
      (await eventsOf(t.deps, api.orgId)).filter((e) => e.dispatchedAt === null).map((e) => e.type);
    // The batch's new company (from a@…'s domain) and both leads; not company.updated.
    expect(await undispatched()).toEqual([
      'company.created',
      'company.created',
      'lead.captured',
      'lead.captured',
    ]);
    const worker = new OutboxWorker(t.deps, { orgId: api.orgId });
    expect(await worker.drain()).toBeGreaterThanOrEqual(4);
    expect(await undispatched()).toEqual([]);
    const deliveries = await t.deps.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.orgId, api.orgId));
    expect(deliveries).toHaveLength(4);
    expect(new Set(deliveries.map((d) => d.endpointId))).toEqual(new Set([wantsCreated]));

    // An endpoint taking every type: from now on every event waits for the worker.
    await addEndpoint(api.orgId, { eventTypes: [] });
    await api.patch(`/companies/${company.body.data.id}`, { industry: 'Hardware' });
    expect(await undispatched()).toEqual(['company.updated']);
  });

  it("another organization's endpoint does not hold this organization's events", async () => {
    const mine = await newClient(t);
    const other = await newClient(t);
    await addEndpoint(other.orgId, { eventTypes: [] });
    await mine.post('/companies', { name: 'Mine' });
    const [ev] = await eventsOf(t.deps, mine.orgId);
    expect(ev?.dispatchedAt).toBeInstanceOf(Date);
  });

  async function addEndpoint(orgId: string, opts: { eventTypes: string[]; enabled?: boolean }) {
    const id = newId('webhookEndpoint');
    await t.deps.database.db.insert(webhookEndpoints).values({
      id,
      orgId,
      url: 'https://hooks.example.com/klipy',
      secret: 'whsec_test',
      eventTypes: opts.eventTypes,
      enabled: opts.enabled ?? true,
    });
    return id;
  }
});
