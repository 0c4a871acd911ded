import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { type ApiClient, createCrmTestApp, crmCounts, newClient, uniqueDomain } from './helpers.js';

let t: TestApp;
let api: ApiClient;
beforeAll(async () => {
  t = await createCrmTestApp();
  api = await newClient(t);
});
afterAll(() => t.close());

describe('POST /people/batch', () => {
  it('applies each item on its own with per-item status', async () => {
    const d = uniqueDomain();
    const existing = (await api.post('/people', { email: `old@${d}`, firstName: 'Old' })).body.data;
    const res = await api.post('/people/batch', {
      items: [
        { email: `new@${d}`, firstName: 'New' },
        { email: `OLD@${d}`, title: 'Updated' },
        { email: 'broken' },
        { phone: 'nope', firstName: 'Bad phone' },
        { firstName: 'Fine' },
      ],
    });
    expect(res.status).toBe(200);
    const r = res.body.data.results;
    expect(r.map((x: { status: string }) => x.status)).toEqual([
      'created',
      'updated',
      'error',
      'error',
      'created',
    ]);
    expect(r[1]).toMatchObject({
      index: 1,
      id: existing.id,
      data: { title: 'Updated', firstName: 'Old' },
      error: null,
    });
    expect(r[2]).toMatchObject({ index: 2, id: null, data: null, error: { code: 'validation_error' } });
    expect(r[2].error.details.fields[0].path).toBe('email');
    expect(r[3].error.details.fields[0].path).toBe('phone');
    expect(res.body.data.summary).toEqual({ created: 2, updated: 1, failed: 2 });
  });

  it('reports an item that collides with another person as a 409 in its slot', async () => {
    const d = uniqueDomain();
    const a = (await api.post('/people', { email: `a@${d}` })).body.data;
    await api.post('/people', { phone: '+14155550199', firstName: 'B' });
    const res = await api.post('/people/batch', {
      items: [
        { email: `before@${d}` },
        { email: `a@${d}`, phone: '+1 415 555 0199' },
        { email: `after@${d}` },
      ],
    });
    const [before, conflict, after] = res.body.data.results;
    expect(conflict).toMatchObject({ status: 'error', error: { code: 'conflict' } });
    // The failed item rolled back alone (its savepoint); its neighbours are stored.
    expect([before.status, after.status]).toEqual(['created', 'created']);
    expect((await api.get(`/people/${before.id}`)).status).toBe(200);
    expect((await api.get(`/people/${after.id}`)).status).toBe(200);
    expect((await api.get(`/people/${a.id}`)).body.data.phone).toBeNull();
  });

  it.each([
    [{ items: [] }],
    [{ items: Array.from({ length: 101 }, () => ({ firstName: 'x' })) }],
    [{ items: 'nope' }],
    [{ items: [1, 2] }],
    [{}],
  ])('rejects a malformed batch %# with 422 and writes nothing', async (body) => {
    const before = await crmCounts(t.deps, api.orgId);
    const res = await api.post('/people/batch', body);
    expect(res.status).toBe(422);
    expect(await crmCounts(t.deps, api.orgId)).toEqual(before);
  });

  it('reports a value the database cannot store (NUL) in its slot; the rest apply', async () => {
    const res = await api.post('/people/batch', {
      items: [{ firstName: 'nul\u0000byte' }, { firstName: 'Fine' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.results.map((r: { status: string }) => r.status)).toEqual(['error', 'created']);
    expect(res.body.data.results[0].error.code).toBe('bad_request');
    const single = await api.post('/people', { firstName: 'nul\u0000byte' });
    expect(single.status).toBe(400);
  });

  it('accepts exactly 100 items', async () => {
    const res = await api.post('/people/batch', {
      items: Array.from({ length: 100 }, (_, i) => ({ firstName: `Hundred${i}` })),
    });
    expect(res.status).toBe(200);
    expect(res.body.data.summary.created).toBe(100);
  });
});

describe('POST /companies/batch', () => {
  it('upserts by domain with per-item status', async () => {
    const d = uniqueDomain();
    await api.post('/companies', { name: 'Before', domain: d });
    const res = await api.post('/companies/batch', {
      items: [{ domain: d, name: 'After' }, { domain: uniqueDomain(), name: 'Fresh' }, { name: 'No domain' }],
    });
    expect(res.body.data.results.map((x: { status: string }) => x.status)).toEqual([
      'updated',
      'created',
      'error',
    ]);
    expect(res.body.data.results[0].data.name).toBe('After');
  });
});
