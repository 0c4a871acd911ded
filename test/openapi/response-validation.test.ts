import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient } from '../crm/helpers.js';
import { apiKeyHeaders } from '../helpers/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createResponseValidator } from '../helpers/openapi-validator.js';
import { fetchOpenApiDocument } from './document.js';

// The check every test runs through createTestApp(), exercised on purpose: each case
// breaks the document or the response one way and expects the validator to say so.
let t: TestApp;
let doc: any;
let key: string;
beforeAll(async () => {
  t = await createTestApp();
  doc = await fetchOpenApiDocument(t.app);
  key = (await newClient(t)).key;
});
afterAll(() => t.close());

const get = async (path: string) => {
  // The raw response, bypassing nothing: createTestApp's wrapper already accepted it.
  const res = await t.app.request(`/api/v1${path}`, { headers: apiKeyHeaders(key) });
  return {
    method: 'GET',
    path: `/api/v1${path}`,
    status: res.status,
    headers: res.headers,
    body: await res.text(),
  };
};

describe('response validation against the served document', () => {
  it('accepts what the server answers (success and error)', async () => {
    const validator = createResponseValidator(doc);
    const ok = await get('/authenticate');
    expect(ok.status).toBe(200);
    expect(validator.check(ok)).toEqual([]);
    const missing = await get('/people/per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK');
    expect(missing.status).toBe(404);
    expect(validator.check(missing)).toEqual([]);
  });

  it('fails when one status is removed from one operation', async () => {
    const broken = structuredClone(doc);
    delete broken.paths['/people/{personId}'].get.responses['404'];
    const missing = await get('/people/per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK');
    expect(createResponseValidator(broken).check(missing)).toEqual([
      expect.stringMatching(/^status 404 is not declared/),
    ]);
  });

  it('fails on a body field the document does not name, or a wrong type', async () => {
    const validator = createResponseValidator(doc);
    const ok = await get('/authenticate');
    const body = JSON.parse(ok.body);
    const extra = { ...ok, body: JSON.stringify({ ...body, data: { ...body.data, secret: 'x' } }) };
    expect(validator.check(extra)?.join()).toMatch(/must NOT have additional properties/);
    const wrongCode = { ...ok, status: 401, body: JSON.stringify({ ...body, object: 'error' }) };
    expect(validator.check(wrongCode)?.length).toBeGreaterThan(0);
  });

  it('fails on a missing required header or a header of the wrong type', async () => {
    const validator = createResponseValidator(doc);
    const ok = await get('/authenticate');
    const noId = new Headers(ok.headers);
    noId.delete('x-request-id');
    expect(validator.check({ ...ok, headers: noId })).toEqual(['required header X-Request-Id is missing']);
    const badLimit = new Headers(ok.headers);
    badLimit.set('x-ratelimit-limit', 'lots');
    expect(validator.check({ ...ok, headers: badLimit })?.join()).toMatch(
      /header X-RateLimit-Limit: .*integer/,
    );
  });

  it('ignores paths the document does not describe', () => {
    const validator = createResponseValidator(doc);
    expect(
      validator.check({ method: 'GET', path: '/healthz', status: 200, headers: new Headers(), body: '{}' }),
    ).toBeNull();
  });
});
