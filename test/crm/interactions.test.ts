import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.js';
import type { TestApp } from '../helpers/app.js';
import { type ApiClient, createCrmTestApp, newClient, uniqueDomain } from './helpers.js';

let t: TestApp;
let api: ApiClient;
beforeAll(async () => {
  t = await createCrmTestApp();
  api = await newClient(t);
});
afterAll(() => t.close());

describe('POST /interactions', () => {
  it('records an interaction for a person id, with contacts, companies and ISO dates', async () => {
    const d = uniqueDomain();
    const person = (await api.post('/people', { email: `ada@${d}`, firstName: 'Ada' })).body.data;
    const res = await api.post('/interactions', {
      type: 'MEETING',
      direction: 'OUTBOUND',
      title: 'Intro',
      summary: '<script>alert(1)</script><b>kept as given</b>',
      mainContact: person.id,
      interactionDate: 1_767_225_600_000,
    });
    expect(res.status).toBe(201);
    const i = res.body.data;
    expect(i.id).toMatch(/^int_[0-9A-Z]{26}$/);
    expect(i).toMatchObject({
      type: 'MEETING',
      isDuplicate: false,
      mainContact: person.id,
      summary: '<script>alert(1)</script><b>kept as given</b>',
      interactionDate: '2026-01-01T00:00:00.000Z',
      createdBy: api.prefix,
    });
    expect(i.contacts).toEqual([{ id: person.id, firstName: 'Ada', lastName: null, email: `ada@${d}` }]);
    expect(i.companies).toEqual([expect.objectContaining({ id: person.companyId, domain: d })]);
    expect(i.creationTime).toBe(i.createdAt);
    expect((await api.get(`/interactions/${i.id}`)).body.data).toEqual(
      Object.fromEntries(Object.entries(i).filter(([k]) => k !== 'isDuplicate')),
    );
  });

  it('creates the person for an unknown mainContactEmail and accepts ISO 8601 dates', async () => {
    const email = `new-${Date.now()}@${uniqueDomain()}`;
    const res = await api.post('/interactions', {
      type: 'EMAIL',
      mainContactEmail: email,
      interactionDate: '2026-02-03T04:05:06+02:00',
    });
    expect(res.status).toBe(201);
    expect(res.body.data.interactionDate).toBe('2026-02-03T02:05:06.000Z');
    const people = await api.post('/people/query', { filter: { email } });
    expect(people.body.data[0].id).toBe(res.body.data.mainContact);
  });

  it('returns the existing record with isDuplicate for a repeated primaryId or secondaryId', async () => {
    const email = `dup-${Date.now()}@gmail.com`;
    const first = await api.post('/interactions', {
      type: 'EMAIL',
      mainContactEmail: email,
      primaryId: `p-${email}`,
      secondaryId: `s-${email}`,
    });
    expect(first.status).toBe(201);
    const again = await api.post('/interactions', {
      type: 'MEMO',
      mainContactEmail: email,
      primaryId: `p-${email}`,
    });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ id: first.body.data.id, isDuplicate: true, type: 'EMAIL' });
    const bySecondary = await api.post('/interactions', {
      type: 'MEMO',
      mainContactEmail: email,
      secondaryId: `s-${email}`,
    });
    expect(bySecondary.body.data).toMatchObject({ id: first.body.data.id, isDuplicate: true });
  });

  it.each([
    [{ type: 'EMAIL' }, 'mainContact'],
    [
      { type: 'EMAIL', mainContact: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK', mainContactEmail: 'a@b.co' },
      'mainContact',
    ],
    [{ type: 'CALL', mainContactEmail: 'a@b.co' }, 'type'],
    [{ type: 'EMAIL', mainContactEmail: 'a@b.co', direction: 'SIDEWAYS' }, 'direction'],
    [{ type: 'EMAIL', mainContactEmail: 'a@b.co', title: 'x'.repeat(1001) }, 'title'],
    [{ type: 'EMAIL', mainContactEmail: 'a@b.co', summary: 'x'.repeat(10_001) }, 'summary'],
    [{ type: 'EMAIL', mainContactEmail: 'a@b.co', interactionDate: 'yesterday' }, 'interactionDate'],
    [{ type: 'EMAIL', mainContactEmail: 'a@b.co', interactionDate: -5 }, 'interactionDate'],
    [{ type: 'EMAIL', mainContactEmail: 'a@b.co', interactionDate: 1e20 }, 'interactionDate'],
  ])('rejects %j with 422 naming %s', async (body, field) => {
    const res = await api.post('/interactions', body);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('accepts the limits exactly (title 1000, summary 10000)', async () => {
    const res = await api.post('/interactions', {
      type: 'MEMO',
      mainContactEmail: `limits-${Date.now()}@gmail.com`,
      title: 't'.repeat(1000),
      summary: 's'.repeat(10_000),
    });
    expect(res.status).toBe(201);
  });

  it('answers 404 for a mainContact of another organization', async () => {
    const other = await newClient(t);
    const theirs = (await other.post('/people', { firstName: 'Theirs' })).body.data;
    const res = await api.post('/interactions', { type: 'EMAIL', mainContact: theirs.id });
    expect(res.status).toBe(404);
    expect(res.body.error.details.field).toBe('mainContact');
  });
});

describe('POST /interactions/query and DELETE', () => {
  it('filters by contact, company, type and date range; deletes', async () => {
    const client = await newClient(t);
    const d = uniqueDomain();
    const a = (await client.post('/people', { email: `a@${d}` })).body.data;
    const b = (await client.post('/people', { email: `b-${Date.now()}@gmail.com` })).body.data;
    const mk = (body: object) => client.post('/interactions', body).then((r) => r.body.data);
    const i1 = await mk({ type: 'EMAIL', mainContact: a.id, interactionDate: '2026-01-10T00:00:00Z' });
    const i2 = await mk({ type: 'MEETING', mainContact: a.id, interactionDate: '2026-02-10T00:00:00Z' });
    const i3 = await mk({ type: 'EMAIL', mainContact: b.id, interactionDate: '2026-03-10T00:00:00Z' });
    const ids = async (filter: object) =>
      (await client.post('/interactions/query', { filter })).body.data.map((i: { id: string }) => i.id);
    expect(await ids({ contactId: a.id })).toEqual([i1.id, i2.id]);
    expect(await ids({ companyId: a.companyId })).toEqual([i1.id, i2.id]);
    expect(await ids({ type: 'EMAIL' })).toEqual([i1.id, i3.id]);
    expect(await ids({ from: '2026-02-01T00:00:00Z', to: '2026-03-10T00:00:00Z' })).toEqual([i2.id]);
    expect((await client.delete(`/interactions/${i2.id}`)).body.data).toEqual({ id: i2.id, deleted: true });
    expect(await ids({ contactId: a.id })).toEqual([i1.id]);
    expect((await client.get(`/interactions/${i2.id}`)).status).toBe(404);
    expect((await client.delete(`/interactions/${i2.id}`)).status).toBe(404);
  });
});

describe('PATCH /interactions/{id}', () => {
  it('changes what happened, clears with null, keeps who it was with, and audits the fields', async () => {
    const d = uniqueDomain();
    const person = (await api.post('/people', { email: `grace@${d}`, firstName: 'Grace' })).body.data;
    const created = (
      await api.post('/interactions', {
        type: 'EMAIL',
        direction: 'OUTBOUND',
        title: 'Intro',
        summary: 'First call',
        mainContact: person.id,
      })
    ).body.data;
    const res = await api.patch(`/interactions/${created.id}`, {
      type: 'MEETING',
      title: 'Intro (moved)',
      direction: null,
      interactionDate: '2026-05-01T10:00:00Z',
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: created.id,
      type: 'MEETING',
      title: 'Intro (moved)',
      direction: null,
      summary: 'First call',
      interactionDate: '2026-05-01T10:00:00.000Z',
    });
    expect(res.body.data.contacts).toEqual(created.contacts);
    expect(Date.parse(res.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect((await api.get(`/interactions/${created.id}`)).body.data.title).toBe('Intro (moved)');
    const rows = await t.deps.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, created.id), eq(auditEvents.action, 'interaction.updated')));
    expect(rows.map((r) => r.metadata.fields)).toEqual([['direction', 'interactionDate', 'title', 'type']]);
  });

  it('refuses changing who it was with, bad values, other organizations and unknown ids', async () => {
    const d = uniqueDomain();
    const person = (await api.post('/people', { email: `lin@${d}` })).body.data;
    const created = (await api.post('/interactions', { type: 'MEMO', mainContact: person.id })).body.data;
    const contact = await api.patch(`/interactions/${created.id}`, { mainContactEmail: `x@${d}` });
    expect(contact.status).toBe(422);
    expect(contact.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('(body)');
    const bad = await api.patch(`/interactions/${created.id}`, {
      type: 'CARRIER_PIGEON',
      title: 'x'.repeat(1001),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'title',
      'type',
    ]);
    const other = await newClient(t);
    expect((await other.patch(`/interactions/${created.id}`, { title: 'theirs' })).status).toBe(404);
    expect((await api.patch('/interactions/int_nope', { title: 'x' })).status).toBe(404);
    expect((await api.get(`/interactions/${created.id}`)).body.data.title).toBeNull();
  });
});
