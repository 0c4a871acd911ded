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

/**
 * A write that checked a company or person exists, racing a delete of it, used to hit
 * the foreign key and answer 500. Only PostgreSQL interleaves the two transactions
 * (PGlite runs one at a time), so there these rounds reproduce it almost every time.
 */
describe('writes racing the delete of what they reference', () => {
  it('answer 404 or link afresh, never 5xx', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 15; i++) {
      const domain = uniqueDomain();
      const company = (await api.post('/companies', { name: 'Doomed', domain })).body.data;
      const person = (await api.post('/people', { firstName: 'Doomed' })).body.data;
      const results = await Promise.all([
        api.post('/people', { firstName: 'New', companyId: company.id }),
        api.post('/people', { email: `p${i}@${domain}` }),
        api.patch(`/people/${person.id}`, { companyId: company.id }),
        api.post('/interactions', { type: 'EMAIL', mainContact: person.id }),
        api.delete(`/companies/${company.id}`),
        api.delete(`/people/${person.id}`),
      ]);
      seen.push(...results.map((r) => r.status));
    }
    expect(seen.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(seen)).not.toContain(409);
  });

  it('concurrent repeats of one secondaryId record one interaction', async () => {
    const person = (await api.post('/people', { firstName: 'Thread' })).body.data;
    for (let i = 0; i < 8; i++) {
      const secondaryId = `thread-${i}-${person.id}`;
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          api.post('/interactions', { type: 'EMAIL', mainContact: person.id, secondaryId }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.data.id)).size).toBe(1);
    }
  });
});
