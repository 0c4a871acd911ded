/**
 * @klipy/sdk against a real server: the test app (its responses checked against the
 * document like every other test's) listening on a random port, called over HTTP.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ErrorCode,
  isKlipyError,
  Klipy,
  KlipyError,
  type Person,
  type ResponseInfo,
  retryDelayMs,
} from '../../sdk/src/index.js';
import { createApiKey } from '../../src/modules/api-keys/create-api-key.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let server: ServerType;
let baseUrl: string;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp({ env: { KLIPY_RATE_LIMIT_PER_KEY: '1000', KLIPY_RATE_LIMIT_PER_ORG: '100000' } });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  orgId = (await createTestOrg(t.deps)).id;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

const newKey = async (opts: { scopes?: string[]; expiresAt?: Date } = {}) =>
  (await createTestKey(t.deps, { orgId, scopes: opts.scopes ?? ['ALL'], expiresAt: opts.expiresAt ?? null }))
    .key;

/** A fetch in front of the real server that records requests and can answer in its place. */
function proxy(answer?: (req: Request, n: number) => Response | undefined) {
  const seen: Request[] = [];
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    seen.push(req.clone());
    const forced = answer?.(req, seen.length);
    const real = await fetch(req);
    return forced ?? real;
  };
  return { seen, fetch: fetchImpl as typeof fetch };
}

const email = () => `sdk-${randomUUID().slice(0, 8)}@example.com`;

describe('@klipy/sdk', () => {
  it('dry-runs authorization, and reports an IP allow-list refusal over a real socket', async () => {
    const reader = await newKey({ scopes: ['people:read'] });
    const klipy = new Klipy({ apiKey: reader, baseUrl });
    const checked = await klipy.checkAuthorization({ operationId: 'createPerson' });
    expect(checked.data).toMatchObject({ allowed: false, reason: 'scope', missingScopes: ['people:write'] });
    const asked = await klipy.authenticate({ scope: ['people:read', 'companies:read'] });
    expect(asked.data).toMatchObject({ allowed: false, missingScopes: ['companies:read'] });

    const restricted = async (ipAllowlist: string[]) =>
      (
        await createApiKey(t.deps, {
          orgId,
          name: 'restricted',
          scopes: ['read'],
          expiresAt: null,
          ipAllowlist,
          actor: operatorActor,
        })
      ).key;
    // The socket's address, not any header: 127.0.0.1 (or ::1, or its IPv4-mapped form).
    const local = new Klipy({ apiKey: await restricted(['127.0.0.0/8', '::1']), baseUrl });
    expect((await local.authenticate()).data.key.scopes).toEqual(['read']);
    const elsewhere = new Klipy({ apiKey: await restricted(['192.0.2.0/24']), baseUrl });
    const err = await elsewhere.authenticate().catch((e: unknown) => e);
    expect(isKlipyError(err, 'forbidden')).toBe(true);
    expect((err as KlipyError<'forbidden'>).details).toMatchObject({
      reason: 'ip_not_allowed',
      ip: '127.0.0.1',
    });
  });

  it('authenticates with either header and reports rate limits and key expiry on every response', async () => {
    const expiresAt = new Date(Date.now() + 3 * 86_400_000);
    const key = await newKey({ expiresAt });
    const seen: ResponseInfo[] = [];
    for (const auth of ['x-klipy-api-key', 'bearer'] as const) {
      const p = proxy();
      const klipy = new Klipy({
        apiKey: key,
        baseUrl,
        auth,
        fetch: p.fetch,
        onResponse: (i) => seen.push(i),
      });
      const res = await klipy.authenticate();
      expect(res.data.organization.id).toBe(orgId);
      expectTypeOf(res.data.organization.plan).toEqualTypeOf<'free' | 'standard' | 'pro' | 'enterprise'>();
      expect(res.rateLimit?.limit).toBe(1000);
      expect(res.rateLimit?.reset.getTime()).toBeGreaterThan(Date.now());
      expect(res.keyExpiresAt?.toISOString()).toBe(expiresAt.toISOString());
      expect(res.requestId).toMatch(/^req_/);
      const sent = p.seen[0]!.headers;
      if (auth === 'bearer') expect(sent.get('authorization')).toBe(`Bearer ${key}`);
      else expect(sent.get('x-klipy-api-key')).toBe(key);
    }
    expect(seen).toHaveLength(2);
  });

  it('creates, reads, updates and deletes with typed results, sending an Idempotency-Key on writes', async () => {
    const p = proxy();
    const klipy = new Klipy({ apiKey: await newKey(), baseUrl, fetch: p.fetch });
    const created = await klipy.people.create({ email: email(), firstName: 'Ada', leadStatus: 'CONTACTED' });
    expectTypeOf(created.data).toEqualTypeOf<Person>();
    expect(created.status).toBe(201);
    expect(p.seen[0]!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    const got = await klipy.people.get(created.data.id);
    expect(got.data.firstName).toBe('Ada');
    expect(p.seen[1]!.headers.get('idempotency-key')).toBeNull();
    const updated = await klipy.people.update(created.data.id, { title: 'CTO' });
    expect(updated.data.title).toBe('CTO');
    await klipy.people.delete(created.data.id);
    const gone = await klipy.people.get(created.data.id).catch((err: unknown) => err);
    expect(isKlipyError(gone, 'not_found')).toBe(true);
  });

  it('throws KlipyError typed by code, with details', async () => {
    const klipy = new Klipy({ apiKey: await newKey(), baseUrl });
    const address = email();
    const first = await klipy.people.create({ email: address });
    const err = await klipy.people.create({ email: address }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KlipyError);
    if (!isKlipyError(err, 'conflict')) throw new Error('expected a conflict');
    expectTypeOf(err.code).toEqualTypeOf<'conflict'>();
    expect(err.status).toBe(409);
    expect(err.details?.existingId).toBe(first.data.id);
    expect(err.requestId).toMatch(/^req_/);
    const scoped = new Klipy({ apiKey: await newKey({ scopes: ['people:read'] }), baseUrl });
    const denied = await scoped.companies
      .query()
      .toArray()
      .catch((e: unknown) => e);
    if (!isKlipyError(denied, 'forbidden')) throw new Error('expected forbidden');
    expect(denied.details?.required_scope).toBe('companies:read');
    expectTypeOf<ErrorCode>().toEqualTypeOf<KlipyError['code']>();
  });

  it('iterates every page of a query with for await', async () => {
    const klipy = new Klipy({ apiKey: await newKey(), baseUrl });
    const tag = `sdk-${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 5; i++) await klipy.people.create({ email: email(), tags: [tag] });
    const emails: string[] = [];
    for await (const person of klipy.people.query({ filter: { tag }, limit: 2 })) emails.push(person.email!);
    expect(emails).toHaveLength(5);
    let pages = 0;
    for await (const page of klipy.people.query({ filter: { tag }, limit: 2 }).pages()) {
      pages++;
      expect(page.rateLimit?.remaining).toBeGreaterThanOrEqual(0);
    }
    expect(pages).toBe(3);
  });

  it('retries a forced 429 after Retry-After, with the same Idempotency-Key, and writes once', async () => {
    // The first attempt reaches the server (and creates the person) but its answer is
    // replaced by a 429, as if lost: the retry must replay, not create a second person.
    const p = proxy((_req, n) =>
      n === 1
        ? new Response(
            JSON.stringify({ object: 'error', error: { code: 'rate_limited', message: 'slow down' } }),
            {
              status: 429,
              headers: { 'retry-after': '1', 'content-type': 'application/json' },
            },
          )
        : undefined,
    );
    const klipy = new Klipy({ apiKey: await newKey(), baseUrl, fetch: p.fetch });
    const address = email();
    const started = Date.now();
    const res = await klipy.people.create({ email: address });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(p.seen).toHaveLength(2);
    expect(p.seen[1]!.headers.get('idempotency-key')).toBe(p.seen[0]!.headers.get('idempotency-key'));
    expect(res.status).toBe(201);
    expect(res.replayed).toBe(true);
    const matches = await klipy.people.query({ filter: { email: address } }).toArray();
    expect(matches).toHaveLength(1);
  });

  it('gives up on a real 429 whose wait exceeds maxRetryDelayMs, and reports it typed', async () => {
    const limited = await createTestApp({
      env: { KLIPY_RATE_LIMIT_PER_KEY: '2', KLIPY_RATE_LIMIT_PER_ORG: '100' },
    });
    const org = await createTestOrg(limited.deps);
    const { key } = await createTestKey(limited.deps, { orgId: org.id, scopes: ['ALL'] });
    const s = await new Promise<ServerType>((resolve) => {
      const x = serve({ fetch: limited.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(x));
    });
    try {
      const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/api/v1`;
      const p = proxy();
      const klipy = new Klipy({
        apiKey: key,
        baseUrl: url,
        fetch: p.fetch,
        retry: { maxRetryDelayMs: 5_000 },
      });
      await klipy.authenticate();
      await klipy.authenticate();
      const err = await klipy.authenticate().catch((e: unknown) => e);
      if (!isKlipyError(err, 'rate_limited')) throw new Error('expected rate_limited');
      expect(p.seen).toHaveLength(3); // a ~60 s wait is over the 5 s bound: not retried
      expect(err.details?.policy).toBe('key');
      expect(err.response.retryAfterSeconds).toBeGreaterThan(5);
      expect(err.response.rateLimit?.remaining).toBe(0);
    } finally {
      await new Promise<void>((resolve) => s.close(() => resolve()));
      await limited.close();
    }
  });

  it('cancels a retry wait with an AbortSignal', async () => {
    const p = proxy(() => new Response('{}', { status: 503, headers: { 'retry-after': '30' } }));
    const klipy = new Klipy({ apiKey: await newKey(), baseUrl, fetch: p.fetch });
    const controller = new AbortController();
    const pending = klipy.authenticate({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by test')), 100);
    await expect(pending).rejects.toThrow('cancelled by test');
    expect(p.seen).toHaveLength(1);
  });

  it('waits for the reset header when there is no Retry-After, and backs off otherwise', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const opts = { maxRetries: 2, maxRetryDelayMs: 60_000, baseDelayMs: 500 };
    const reset = new Response(null, {
      status: 429,
      headers: { 'x-ratelimit-reset': String(now / 1000 + 7) },
    });
    expect(retryDelayMs(reset, 0, opts, now)).toBe(7000);
    const date = new Response(null, {
      status: 503,
      headers: { 'retry-after': new Date(now + 3000).toUTCString() },
    });
    expect(retryDelayMs(date, 0, opts, now)).toBe(3000);
    const bare = retryDelayMs(new Response(null, { status: 503 }), 2, opts, now);
    expect(bare).toBeGreaterThanOrEqual(1000);
    expect(bare).toBeLessThanOrEqual(2000);
  });
});
