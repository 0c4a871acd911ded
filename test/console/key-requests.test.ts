import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { apiKeyRequests } from '../../src/db/schema/index.js';
import { buildApp } from '../../src/http/app.js';
import type { Logger } from '../../src/infra/logger.js';
import { KEEP, RequestLog } from '../../src/modules/usage/request-log.js';
import { createCrmTestApp } from '../crm/helpers.js';
import { apiKeyHeaders } from '../helpers/api-keys.js';
import type { TestApp } from '../helpers/app.js';
import { backendName, skipWithout } from '../helpers/backend.js';
import { createTestDeps } from '../helpers/deps.js';
import { newKeyBody, orgWithRoles } from './key-clients.js';

let t: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
let other: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  t = await createCrmTestApp();
  org = await orgWithRoles(t.app);
  other = await orgWithRoles(t.app);
}, 60_000);
afterAll(() => t.close());

/** A fresh key of `org` made by `who` (default: the developer): its id and plaintext. */
async function newKey(who: 'owner' | 'admin' | 'developer' = 'developer', scopes = ['people:read']) {
  const res = await org[who].client.post('/keys', newKeyBody({ scopes }));
  expect(res.status).toBe(201);
  return { id: res.body.data.apiKey.id as string, key: res.body.data.key as string };
}

const call = (key: string, path: string, init: RequestInit = {}, ip?: string) =>
  t.app.request(path, {
    ...init,
    headers: apiKeyHeaders(key, {
      ...(ip ? { 'x-test-client-ip': ip } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    }),
  });

const rowsOf = (keyId: string) =>
  t.deps.database.db.select().from(apiKeyRequests).where(eq(apiKeyRequests.keyId, keyId));

describe(`GET /console/api/keys/{id}/requests (${backendName})`, () => {
  it('lists method, route template, status and IP, newest first; never the path, query string or body', async () => {
    const { id, key } = await newKey();
    const query = await call(
      key,
      '/api/v1/people/query?limit=1&email=secret%40example.com',
      { method: 'POST', body: JSON.stringify({}) },
      '10.77.1.2',
    );
    expect(query.status).toBe(200);
    expect((await call(key, '/api/v1/people/per_01J0000000000000000000000A', {}, '10.77.1.3')).status).toBe(
      404,
    );
    const denied = await call(key, '/api/v1/people', {
      method: 'POST',
      body: JSON.stringify({ email: 'body-secret@example.com' }),
    });
    expect(denied.status).toBe(403);
    const res = await org.developer.client.get(`/keys/${id}/requests`);
    expect(res.status).toBe(200);
    const list = res.body.data as { at: string; method: string; route: string; status: number; ip: string }[];
    expect(list.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'POST', route: '/api/v1/people', status: 403 },
      { method: 'GET', route: '/api/v1/people/:personId', status: 404 },
      { method: 'POST', route: '/api/v1/people/query', status: 200 },
    ]);
    expect(list[1]?.ip).toBe('10.77.1.3');
    expect(list[2]?.ip).toBe('10.77.1.2');
    for (const r of list) expect(Date.parse(r.at)).not.toBeNaN();
    const stored = JSON.stringify(await rowsOf(id));
    for (const leak of ['secret', 'limit=', 'per_01J', 'body-secret', key]) {
      expect(JSON.stringify(list)).not.toContain(leak);
      expect(stored).not.toContain(leak);
    }
  });

  it('names a rate-limited request (429, answered before its handler) by its endpoint', async () => {
    const res = await org.developer.client.post('/keys', newKeyBody({ rateLimitPerMinute: 1 }));
    expect(res.status).toBe(201);
    const { key, apiKey } = res.body.data;
    const person = '/api/v1/people/per_01J0000000000000000000000A';
    expect((await call(key, person)).status).toBe(404);
    expect((await call(key, person)).status).toBe(429);
    const list = await org.developer.client.get(`/keys/${apiKey.id}/requests`);
    expect(list.body.data.map((r: { status: number; route: string }) => `${r.status} ${r.route}`)).toEqual([
      '429 /api/v1/people/:personId',
      '404 /api/v1/people/:personId',
    ]);
  });

  it('a path no route matches is logged as `unmatched`, never as the raw path', async () => {
    const { id, key } = await newKey();
    expect((await call(key, '/api/v1/no-such-thing/per_secret')).status).toBe(404);
    const list = await org.developer.client.get(`/keys/${id}/requests`);
    expect(list.body.data.map((r: { status: number; route: string }) => `${r.status} ${r.route}`)).toEqual([
      '404 unmatched',
    ]);
  });

  it('keeps the newest 50: in memory between flushes and in the table across flushes', async () => {
    const { id, key } = await newKey();
    // 51 requests before one flush: the first (a 404) is the one dropped.
    expect((await call(key, '/api/v1/people/per_01J0000000000000000000000A')).status).toBe(404);
    for (let i = 0; i < KEEP; i++) expect((await call(key, '/api/v1/authenticate')).status).toBe(200);
    const first = await org.developer.client.get(`/keys/${id}/requests`);
    expect(first.body.data).toHaveLength(KEEP);
    expect(first.body.data.every((r: { route: string }) => r.route === '/api/v1/authenticate')).toBe(true);
    // Ten more after that flush: the table is trimmed back to 50, the newest ten on top.
    const people = '/api/v1/people/per_01J0000000000000000000000A';
    for (let i = 0; i < 10; i++) expect((await call(key, people)).status).toBe(404);
    const second = await org.developer.client.get(`/keys/${id}/requests`);
    expect(second.body.data).toHaveLength(KEEP);
    const routes = second.body.data.map((r: { route: string }) => r.route);
    expect(routes.slice(0, 10)).toEqual(Array(10).fill('/api/v1/people/:personId'));
    expect(routes.slice(10)).toEqual(Array(KEEP - 10).fill('/api/v1/authenticate'));
    expect(await rowsOf(id)).toHaveLength(KEEP);
  });

  it('is 404 for a key of another organization and for ids that are no key', async () => {
    const theirs = await other.developer.client.post('/keys', newKeyBody());
    const { id: theirId, key: theirKey } = { id: theirs.body.data.apiKey.id, key: theirs.body.data.key };
    expect((await call(theirKey, '/api/v1/authenticate')).status).toBe(200);
    for (const who of ['owner', 'admin', 'developer'] as const) {
      const res = await org[who].client.get(`/keys/${theirId}/requests`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await org.owner.client.get('/keys/key_01J0000000000000000000000A/requests')).status).toBe(404);
    expect((await org.owner.client.get('/keys/nope/requests')).status).toBe(404);
    // Their own organization sees it.
    const own = await other.developer.client.get(`/keys/${theirId}/requests`);
    expect(own.body.data).toHaveLength(1);
  });

  it('follows the permission table (key.list): every developer+ sees any key of the org, creator or not; a member is refused', async () => {
    const { id, key } = await newKey('admin');
    expect((await call(key, '/api/v1/authenticate')).status).toBe(200);
    for (const who of ['owner', 'admin', 'developer'] as const) {
      const res = await org[who].client.get(`/keys/${id}/requests`);
      expect(res.status, who).toBe(200);
      expect(res.body.data).toHaveLength(1);
    }
    const refused = await org.member.client.get(`/keys/${id}/requests`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({ reason: 'role', required_role: 'developer' });
    // Not even a member's "own" key: members cannot create keys, so there is none to see.
    expect((await org.member.client.post('/keys', newKeyBody())).status).toBe(403);
  });

  it("deleting a key deletes its log; a pending request of a deleted key does not sink the others' flush", async () => {
    const a = await newKey('owner');
    const b = await newKey('owner');
    expect((await call(a.key, '/api/v1/authenticate')).status).toBe(200);
    await t.deps.requestLog.flush();
    expect(await rowsOf(a.id)).toHaveLength(1);
    expect((await call(a.key, '/api/v1/authenticate')).status).toBe(200);
    expect((await call(b.key, '/api/v1/authenticate')).status).toBe(200);
    expect((await org.owner.client.delete(`/keys/${a.id}`)).status).toBe(200);
    await t.deps.requestLog.flush();
    expect(await rowsOf(a.id)).toHaveLength(0);
    expect(await rowsOf(b.id)).toHaveLength(1);
  });
});

describe(`RequestLog flush failure (${backendName})`, () => {
  it('logs, keeps the entries (at most 50 per key) and writes them on the next flush', async () => {
    const { id } = await newKey();
    const real = t.deps.database;
    let down = true;
    const database = {
      ...real,
      db: {
        execute: (q: Parameters<typeof real.db.execute>[0]) => {
          if (down) return Promise.reject(new Error('connection refused'));
          return real.db.execute(q);
        },
      },
    } as unknown as Database;
    const warnings: string[] = [];
    const logger = { warn: (_: unknown, msg: string) => warnings.push(msg) } as unknown as Logger;
    const log = new RequestLog({ database, logger, intervalMs: 0 });
    const base = Date.now();
    const entry = (i: number) => ({
      orgId: org.orgId,
      keyId: id,
      method: 'GET',
      route: `/api/v1/r${i}`,
      status: 200,
      ip: '10.0.0.1',
      at: new Date(base + i),
    });
    for (let i = 0; i < 40; i++) log.record(entry(i));
    await log.flush();
    expect(warnings).toEqual(['request-log flush failed']);
    expect(await rowsOf(id)).toHaveLength(0);
    // Twenty more while the database is down: the queue keeps the newest 50 (10..59).
    for (let i = 40; i < 60; i++) log.record(entry(i));
    await log.flush();
    down = false;
    await log.close();
    const rows = await rowsOf(id);
    expect(rows).toHaveLength(KEEP);
    expect(rows.map((r) => r.route).sort()).toEqual(
      Array.from({ length: KEEP }, (_, i) => `/api/v1/r${i + 10}`).sort(),
    );
  });
});

describe.skipIf(skipWithout('postgres'))('two nodes on one PostgreSQL', () => {
  it("one key's requests through both nodes: the log holds the newest 50 of them together", async () => {
    const other = await createTestDeps({
      env: { KLIPY_RATE_LIMIT_PER_KEY: '10000000', KLIPY_RATE_LIMIT_PER_ORG: '10000000' },
    });
    try {
      const nodeB = buildApp(other);
      const { id, key } = await newKey();
      for (let i = 0; i < 30; i++) expect((await call(key, '/api/v1/authenticate')).status).toBe(200);
      for (let i = 0; i < 30; i++) {
        const res = await nodeB.request('/api/v1/people/per_01J0000000000000000000000A', {
          headers: apiKeyHeaders(key),
        });
        expect(res.status).toBe(404);
      }
      // Node B's timer has not fired: its requests are not in the table yet.
      const before = await org.developer.client.get(`/keys/${id}/requests`);
      expect(before.body.data).toHaveLength(30);
      await other.requestLog.flush();
      const after = await org.developer.client.get(`/keys/${id}/requests`);
      const routes = after.body.data.map((r: { route: string }) => r.route);
      expect(routes).toEqual([
        ...Array(30).fill('/api/v1/people/:personId'),
        ...Array(20).fill('/api/v1/authenticate'),
      ]);
      expect(await rowsOf(id)).toHaveLength(KEEP);
    } finally {
      await other.close();
    }
  });
});
