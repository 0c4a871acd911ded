import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { type ApiClient, createCrmTestApp, newClient, uniqueDomain } from './helpers.js';

let t: TestApp;
let api: ApiClient;
beforeAll(async () => {
  t = await createCrmTestApp();
  api = await newClient(t);
});
afterAll(() => t.close());

describe('POST /people', () => {
  it('creates a person with a per_ id, E.164 phone, lower-case email and a linked company', async () => {
    const domain = uniqueDomain('analytical');
    const res = await api.post('/people', {
      firstName: 'Ada',
      email: `Ada@${domain.toUpperCase()}`,
      phone: '+44 20 7946 0958',
      linkedinUrl: 'linkedin.com/in/Ada-Lovelace/',
      leadStatus: 'CONTACTED',
      tags: ['vip'],
    });
    expect(res.status).toBe(201);
    expect(res.body.object).toBe('success');
    const p = res.body.data;
    expect(p.id).toMatch(/^per_[0-9A-Z]{26}$/);
    expect(p.email).toBe(`ada@${domain}`);
    expect(p.phone).toBe('+442079460958');
    expect(p.linkedinUrl).toBe('https://www.linkedin.com/in/ada-lovelace');
    expect(p.companyId).toMatch(/^com_/);
    const company = await api.get(`/companies/${p.companyId}`);
    expect(company.body.data.domain).toBe(domain);
    const second = await api.post('/people', { email: `grace@${domain}` });
    expect(second.body.data.companyId).toBe(p.companyId);
  });

  it('links no company for a free-mail address', async () => {
    const res = await api.post('/people', { email: `someone-${Date.now()}@gmail.com` });
    expect(res.status).toBe(201);
    expect(res.body.data.companyId).toBeNull();
  });

  it.each([
    ['email', (d: string) => ({ email: `dup@${d}` }), (d: string) => ({ email: `DUP@${d}` })],
    ['phone', () => ({ phone: '+1 415 555 0100' }), () => ({ phone: '+14155550100' })],
    [
      'linkedinUrl',
      (d: string) => ({ linkedinUrl: `https://linkedin.com/in/${d}` }),
      (d: string) => ({ linkedinUrl: `https://www.linkedin.com/in/${d}/` }),
    ],
  ])('refuses a duplicate %s with 409 naming the existing id', async (field, first, second) => {
    const client = await newClient(t);
    const d = uniqueDomain();
    const a = await client.post('/people', first(d));
    expect(a.status).toBe(201);
    const b = await client.post('/people', second(d));
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('conflict');
    expect(b.body.error.details).toMatchObject({ existingId: a.body.data.id, field });
  });

  it.each([
    [{}, '(body)'],
    [{ email: 'not-an-email' }, 'email'],
    [{ firstName: 'A', phone: '12' }, 'phone'],
    [{ firstName: 'A', linkedinUrl: 'https://example.com/x' }, 'linkedinUrl'],
    [{ firstName: 'A', leadStatus: 'HOT' }, 'leadStatus'],
    [{ firstName: 'A', unknown: 1 }, '(body)'],
    [{ firstName: 'x'.repeat(201) }, 'firstName'],
  ])('rejects %j with 422 naming %s', async (body, field) => {
    const res = await api.post('/people', body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('reports a field error and the whole-record rule in one 422, not one class at a time', async () => {
    const res = await api.post('/people', { title: 'x'.repeat(201), leadStatus: 'HOT' });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'leadStatus', '(body)']));
  });

  it('answers 404 for a companyId of another organization', async () => {
    const other = await newClient(t);
    const company = await other.post('/companies', { name: 'Theirs', domain: uniqueDomain() });
    const res = await api.post('/people', { firstName: 'A', companyId: company.body.data.id });
    expect(res.status).toBe(404);
  });
});

describe('PUT /people (upsert)', () => {
  it('creates, then updates by email, then by phone, then by LinkedIn URL', async () => {
    const d = uniqueDomain();
    const created = await api.put('/people', { email: `u@${d}`, phone: '+33 1 42 68 53 00', firstName: 'U' });
    expect(created.status).toBe(201);
    expect(created.body.data.result).toBe('created');
    const id = created.body.data.person.id;
    const byEmail = await api.put('/people', { email: `U@${d}`, title: 'CTO' });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.data).toMatchObject({
      result: 'updated',
      person: { id, title: 'CTO', firstName: 'U' },
    });
    const byPhone = await api.put('/people', { phone: '+33142685300', lastName: 'Upsert' });
    expect(byPhone.body.data).toMatchObject({ result: 'updated', person: { id, lastName: 'Upsert' } });
    await api.patch(`/people/${id}`, { linkedinUrl: `linkedin.com/in/${d}` });
    const byLinkedin = await api.put('/people', {
      linkedinUrl: `https://www.linkedin.com/in/${d}`,
      remarks: 'hi',
    });
    expect(byLinkedin.body.data).toMatchObject({ result: 'updated', person: { id, remarks: 'hi' } });
  });
});

describe('GET / PATCH / DELETE /people/{personId}', () => {
  it('gets, patches (null clears) and deletes a person', async () => {
    const p = (await api.post('/people', { firstName: 'Pat', title: 'CEO', tags: ['a'] })).body.data;
    expect((await api.get(`/people/${p.id}`)).body.data).toEqual(p);
    const patched = await api.patch(`/people/${p.id}`, { title: null, leadStatus: 'QUALIFIED' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ title: null, leadStatus: 'QUALIFIED', firstName: 'Pat' });
    const del = await api.delete(`/people/${p.id}`);
    expect(del.body.data).toEqual({ id: p.id, deleted: true });
    expect((await api.get(`/people/${p.id}`)).status).toBe(404);
    expect((await api.delete(`/people/${p.id}`)).status).toBe(404);
  });

  it.each(['nope', 'per_123', 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK', `per_${'Z'.repeat(26)}`])(
    'answers 404 for the bad id %s',
    async (id) => {
      expect((await api.get(`/people/${id}`)).status).toBe(404);
      expect((await api.patch(`/people/${id}`, { title: 'x' })).status).toBe(404);
      expect((await api.delete(`/people/${id}`)).status).toBe(404);
    },
  );

  it('refuses a PATCH that would duplicate another person (409)', async () => {
    const d = uniqueDomain();
    const a = (await api.post('/people', { email: `a@${d}` })).body.data;
    const b = (await api.post('/people', { email: `b@${d}` })).body.data;
    const res = await api.patch(`/people/${b.id}`, { email: `a@${d}` });
    expect(res.status).toBe(409);
    expect(res.body.error.details.existingId).toBe(a.id);
  });
});
