/**
 * Issue 14, dry-run authorization: `GET /api/v1/authenticate?scope=…` and
 * `POST /api/v1/authenticate/check`. No side effects; one request against the limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKeyBody } from '../console/key-clients.js';
import { ConsoleClient, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let owner: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp();
  owner = new ConsoleClient(t.app);
  await owner.signup();
});
afterAll(() => t.close());

async function newKey(body: Record<string, unknown>) {
  const res = await owner.post('/keys', newKeyBody(body));
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  return res.body.data as { key: string; apiKey: { id: string; prefix: string } };
}

const get = async (key: string, query: string, ip = '203.0.113.5') => {
  const res = await t.app.request(`/api/v1/authenticate${query}`, {
    headers: { 'x-klipy-api-key': key, 'x-test-client-ip': ip },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};
const check = async (key: string, body: unknown, ip = '203.0.113.5') => {
  const res = await t.app.request('/api/v1/authenticate/check', {
    method: 'POST',
    headers: { 'x-klipy-api-key': key, 'x-test-client-ip': ip, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

describe('GET /api/v1/authenticate?scope=', () => {
  it('answers allowed / missingScopes for one, repeated and comma-separated scopes', async () => {
    const { key } = await newKey({ scopes: ['people:read', 'companies:write'] });
    const one = await get(key, '?scope=people:write');
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ allowed: false, reason: 'scope', missingScopes: ['people:write'] });
    expect(one.body.data.key.scopes).toEqual(['people:read', 'companies:write']);
    const yes = await get(key, '?scope=people:read');
    expect(yes.body.data).toMatchObject({ allowed: true, missingScopes: [] });
    expect(yes.body.data.reason).toBeUndefined();
    // companies:write does not grant companies:read (only the coarse `write` grants reads).
    const repeated = await get(key, '?scope=people:read&scope=interactions:read&scope=companies:read');
    expect(repeated.body.data).toMatchObject({
      allowed: false,
      missingScopes: ['interactions:read', 'companies:read'],
    });
    const comma = await get(key, '?scope=people:read,%20companies:write,people:remove');
    expect(comma.body.data).toMatchObject({ allowed: false, missingScopes: ['people:remove'] });
  });

  it('a coarse scope is granted only when all it stands for is', async () => {
    const { key: writer } = await newKey({ scopes: ['write'] });
    expect((await get(writer, '?scope=read')).body.data.allowed).toBe(true);
    expect((await get(writer, '?scope=ALL')).body.data.allowed).toBe(true);
    const { key: reader } = await newKey({ scopes: ['read'] });
    expect((await get(reader, '?scope=write')).body.data).toMatchObject({
      allowed: false,
      missingScopes: ['write'],
    });
    expect((await get(reader, '?scope=people:read')).body.data.allowed).toBe(true);
  });

  it('without ?scope= the answer is unchanged (no allowed field)', async () => {
    const { key } = await newKey({});
    const res = await get(key, '');
    expect(res.status).toBe(200);
    expect(res.body.data.allowed).toBeUndefined();
  });

  it('an unknown scope is a 422 naming the parameter', async () => {
    const { key } = await newKey({});
    for (const q of ['?scope=keys:write', '?scope=people:read,nope', '?scope=']) {
      const res = await get(key, q);
      expect(res.status).toBe(422);
      expect(res.body.error.details.fields[0].path).toBe('scope');
    }
  });

  it('reports the key limit in force', async () => {
    const { key } = await newKey({ rateLimitPerMinute: 12 });
    expect((await get(key, '')).body.data.rateLimits.key).toEqual({ limit: 12, windowSeconds: 60 });
  });
});

describe('POST /api/v1/authenticate/check', () => {
  it("checks an operation's required scope, from the route definitions", async () => {
    const { key, apiKey } = await newKey({ scopes: ['people:read'] });
    const res = await check(key, { operationId: 'createPerson' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      allowed: false,
      reason: 'scope',
      missingScopes: ['people:write'],
      scopes: ['people:write'],
      operation: {
        operationId: 'createPerson',
        method: 'POST',
        path: '/people',
        requiredScope: 'people:write',
      },
      ip: '203.0.113.5',
      key: { prefix: apiKey.prefix, scopes: ['people:read'], ipAllowlist: [] },
    });
    const get = await check(key, { operationId: 'getPerson', scopes: ['people:read'] });
    expect(get.body.data).toMatchObject({ allowed: true, missingScopes: [], scopes: ['people:read'] });
    const any = await check(key, { operationId: 'authenticate' });
    expect(any.body.data).toMatchObject({ allowed: true, operation: { requiredScope: null } });
  });

  it('knows every operation of the OpenAPI document, with its x-required-scope', async () => {
    const { key } = await newKey({ scopes: ['ALL'] });
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as any;
    const ops = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
      Object.entries(item)
        .filter(([, op]: [string, any]) => op?.operationId)
        .map(([method, op]: [string, any]) => ({ path, method, op })),
    );
    expect(ops.length).toBeGreaterThan(15);
    for (const { path, method, op } of ops) {
      const res = await check(key, { operationId: op.operationId });
      expect(res.status).toBe(200);
      expect(res.body.data.operation).toEqual({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        requiredScope: op['x-required-scope'] ?? null,
      });
      expect(res.body.data.allowed).toBe(true);
    }
  });

  it('with ip: answers ip_not_allowed for an address outside the allow-list', async () => {
    const { key } = await newKey({ scopes: ['read'], ipAllowlist: ['203.0.113.0/24'] });
    const inside = await check(key, { scopes: ['people:read'], ip: '203.0.113.77' });
    expect(inside.body.data).toMatchObject({ allowed: true, ip: '203.0.113.77' });
    const outside = await check(key, { scopes: ['people:read'], ip: '::ffff:198.51.100.7' });
    expect(outside.status).toBe(200);
    expect(outside.body.data).toMatchObject({ allowed: false, reason: 'ip_not_allowed', ip: '198.51.100.7' });
    // A missing scope is reported first.
    const both = await check(key, { scopes: ['people:write'], ip: '198.51.100.7' });
    expect(both.body.data).toMatchObject({ allowed: false, reason: 'scope' });
  });

  it('a caller outside the allow-list gets the 403 any request would', async () => {
    const { key, apiKey } = await newKey({ ipAllowlist: ['203.0.113.0/24'] });
    const res = await check(key, { scopes: ['people:read'] }, '198.51.100.9');
    expect(res.status).toBe(403);
    expect(res.body.error.details).toEqual({
      reason: 'ip_not_allowed',
      ip: '198.51.100.9',
      prefix: apiKey.prefix,
    });
    expect((await get(key, '?scope=people:read', '198.51.100.9')).status).toBe(403);
  });

  it.each([
    ['an empty body', {}, 'scopes'],
    ['an unknown operationId', { operationId: 'dropDatabase' }, 'operationId'],
    ['an unknown scope', { scopes: ['people:read', 'keys:write'] }, 'scopes.1'],
    ['a bad ip', { scopes: ['read'], ip: '10.0.0.0/8' }, 'ip'],
    ['an unknown field', { scopes: ['read'], dryRun: true }, '(body)'],
  ])('refuses %s with 422 naming the field', async (_label, body, field) => {
    const { key } = await newKey({});
    const res = await check(key, body);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: any) => f.path)).toContain(field);
  });

  it('has no side effects: no audit row, and it counts as exactly one request', async () => {
    const { key, apiKey } = await newKey({ scopes: ['people:read'], rateLimitPerMinute: 3 });
    const before = (await owner.get(`/audit-log?keyId=${apiKey.id}`)).body.data.length;
    const first = await check(key, { operationId: 'deletePerson' });
    expect(first.body.data.allowed).toBe(false);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    const second = await get(key, '?scope=people:remove');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await owner.get(`/audit-log?keyId=${apiKey.id}`)).body.data).toHaveLength(before);
  });
});
