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

describe('POST /companies', () => {
  it('creates a company with a com_ id and a normalised domain', async () => {
    const d = uniqueDomain('engines');
    const res = await api.post('/companies', {
      name: 'Engines',
      domain: `https://WWW.${d.toUpperCase()}/about`,
      employeeCount: 12,
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: 'Engines', domain: d, employeeCount: 12, tags: [] });
    expect(res.body.data.id).toMatch(/^com_[0-9A-Z]{26}$/);
  });

  it('takes the domain from the website when none is given', async () => {
    const d = uniqueDomain();
    const res = await api.post('/companies', { name: 'Site', website: `https://www.${d}/` });
    expect(res.body.data.domain).toBe(d);
  });

  it('refuses a taken domain with 409 naming the existing company; another org may use it', async () => {
    const d = uniqueDomain();
    const first = await api.post('/companies', { name: 'A', domain: d });
    const dup = await api.post('/companies', { name: 'B', domain: d.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toMatchObject({ existingId: first.body.data.id, field: 'domain' });
    const other = await newClient(t);
    expect((await other.post('/companies', { name: 'A', domain: d })).status).toBe(201);
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'A', domain: 'not a domain' }, 'domain'],
    [{ name: 'A', employeeCount: -1 }, 'employeeCount'],
    [{ name: 'A', employeeCount: 1.5 }, 'employeeCount'],
    [{ name: 'A', extra: true }, '(body)'],
  ])('rejects %j with 422 naming %s', async (body, field) => {
    const res = await api.post('/companies', body);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});

describe('PUT /companies (upsert by domain)', () => {
  it('creates (201) then updates (200) by domain, saying which', async () => {
    const d = uniqueDomain();
    const created = await api.put('/companies', { domain: d, industry: 'Software' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ result: 'created', company: { name: d, domain: d } });
    const updated = await api.put('/companies', { domain: `www.${d}`, name: 'Renamed' });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({
      result: 'updated',
      company: { id: created.body.data.company.id, name: 'Renamed', industry: 'Software' },
    });
  });

  it('needs a domain (422)', async () => {
    const res = await api.put('/companies', { name: 'No domain' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields[0].path).toBe('domain');
  });
});

describe('GET / PATCH / DELETE /companies/{companyId}', () => {
  it('gets, patches and deletes; people of a deleted company stay, unlinked', async () => {
    const d = uniqueDomain();
    const company = (await api.post('/companies', { name: 'Gone', domain: d })).body.data;
    const person = (await api.post('/people', { email: `p@${d}` })).body.data;
    expect(person.companyId).toBe(company.id);
    expect((await api.get(`/companies/${company.id}`)).body.data).toEqual(company);
    const patched = await api.patch(`/companies/${company.id}`, { industry: 'Retail', city: null });
    expect(patched.body.data).toMatchObject({ industry: 'Retail', city: null });
    expect((await api.delete(`/companies/${company.id}`)).body.data).toEqual({
      id: company.id,
      deleted: true,
    });
    expect((await api.get(`/companies/${company.id}`)).status).toBe(404);
    expect((await api.get(`/people/${person.id}`)).body.data.companyId).toBeNull();
  });

  it('refuses a PATCH to a domain another company has (409)', async () => {
    const a = (await api.post('/companies', { name: 'A', domain: uniqueDomain() })).body.data;
    const b = (await api.post('/companies', { name: 'B', domain: uniqueDomain() })).body.data;
    const res = await api.patch(`/companies/${b.id}`, { domain: a.domain });
    expect(res.status).toBe(409);
    expect(res.body.error.details.existingId).toBe(a.id);
  });

  it.each(['x', 'com_1', 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK'])('answers 404 for the bad id %s', async (id) => {
    expect((await api.get(`/companies/${id}`)).status).toBe(404);
    expect((await api.patch(`/companies/${id}`, { name: 'x' })).status).toBe(404);
    expect((await api.delete(`/companies/${id}`)).status).toBe(404);
  });
});

describe('POST /companies/query', () => {
  it('filters by domain, name text and industry', async () => {
    const client = await newClient(t);
    const d = uniqueDomain('zeta');
    await client.post('/companies', { name: 'Zeta Widgets', domain: d, industry: 'Manufacturing' });
    await client.post('/companies', { name: 'Other 100%_', domain: uniqueDomain(), industry: 'Software' });
    const byDomain = await client.post('/companies/query', { filter: { domain: `https://${d}` } });
    expect(byDomain.body.data.map((c: { name: string }) => c.name)).toEqual(['Zeta Widgets']);
    const byText = await client.post('/companies/query', { filter: { text: 'WIDGET' } });
    expect(byText.body.data).toHaveLength(1);
    const literal = await client.post('/companies/query', { filter: { text: '0%_' } });
    expect(literal.body.data.map((c: { name: string }) => c.name)).toEqual(['Other 100%_']);
    const byIndustry = await client.post('/companies/query', { filter: { industry: 'Software' } });
    expect(byIndustry.body.data).toHaveLength(1);
    expect(byIndustry.body.page_info).toEqual({ has_next_page: false, next_cursor: null });
  });
});
