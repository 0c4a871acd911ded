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

/** `depth` nested arrays as raw JSON text (too deep for a JSON.stringify round trip). */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('deeply nested customFields', () => {
  it('is a 422 naming customFields, not a 500, on every write and changes nothing', async () => {
    const before = await crmCounts(t.deps, api.orgId);
    for (const depth of [100, 10_000, 200_000]) {
      const cf = `"customFields":{"a":${nested(depth)}}`;
      const person = await api.post('/people', `{"firstName":"Ada",${cf}}`);
      expect(person.status).toBe(422);
      expect(JSON.stringify(person.body.error.details)).toContain('customFields');
      const company = await api.post('/companies', `{"name":"A","domain":"${uniqueDomain()}",${cf}}`);
      expect(company.status).toBe(422);
      const batch = await api.post('/people/batch', `{"items":[{"firstName":"Ada",${cf}}]}`);
      expect(batch.status).toBe(200);
      expect(batch.body.data.results[0]).toMatchObject({
        status: 'error',
        error: { code: 'validation_error' },
      });
    }
    expect(await crmCounts(t.deps, api.orgId)).toEqual(before);
  });

  it('still accepts nesting up to 32 levels', async () => {
    const res = await api.post('/people', `{"firstName":"Ada","customFields":{"a":${nested(31)}}}`);
    expect(res.status).toBe(201);
  });
});

describe('interaction dates PostgreSQL cannot store', () => {
  const outOfRange = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '0000-01-01'];

  it('are a 422 naming interactionDate on create, and create nobody', async () => {
    const before = await crmCounts(t.deps, api.orgId);
    for (const interactionDate of outOfRange) {
      const res = await api.post('/interactions', {
        type: 'EMAIL',
        mainContactEmail: `new@${uniqueDomain()}`,
        interactionDate,
      });
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body.error.details)).toContain('interactionDate');
    }
    expect(await crmCounts(t.deps, api.orgId)).toEqual(before);
  });

  it('are a 422 naming the field in a query filter', async () => {
    for (const from of outOfRange.slice(0, 2)) {
      const res = await api.post('/interactions/query', { filter: { from, to: from } });
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body.error.details)).toContain('from');
    }
  });
});

it('a people query updatedAfter PostgreSQL cannot store is a 422 naming it', async () => {
  const res = await api.post('/people/query', { filter: { updatedAfter: '0000-01-01T00:00:00Z' } });
  expect(res.status).toBe(422);
  expect(JSON.stringify(res.body.error.details)).toContain('updatedAfter');
});
