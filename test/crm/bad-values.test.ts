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
