/**
 * Issue 14, enforcement at verification: a key's IP allow-list on every `/api/v1`
 * request (IPv4, IPv6, IPv4-mapped IPv6, with and without KLIPY_TRUST_PROXY), audited
 * with a throttle; a key's own rate limit in the limiter, its headers and its 429s; edits
 * apply on the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKeyBody } from '../console/key-clients.js';
import { ConsoleClient, createTestApp, type TestApp } from '../helpers/app.js';
import { TestClock } from '../helpers/deps.js';

const clock = new TestClock();
let t: TestApp;
let proxied: TestApp;
let owner: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp({ clock });
  proxied = await createTestApp({ env: { KLIPY_TRUST_PROXY: 'true' } });
  owner = new ConsoleClient(t.app);
  await owner.signup();
});
afterAll(async () => {
  await t.close();
  await proxied.close();
});

const call = (app: TestApp, key: string, headers: Record<string, string> = {}) =>
  app.app.request('/api/v1/authenticate', { headers: { 'x-klipy-api-key': key, ...headers } });
const from = (key: string, ip: string) => call(t, key, { 'x-test-client-ip': ip });

async function newKey(client: ConsoleClient, body: Record<string, unknown>) {
  const res = await client.post('/keys', newKeyBody(body));
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  return res.body.data as { key: string; apiKey: { id: string; prefix: string } };
}

async function expectRefused(res: Response, ip: string, prefix: string) {
  expect(res.status).toBe(403);
  const body = (await res.json()) as any;
  expect(body.error.code).toBe('forbidden');
  expect(body.error.details).toEqual({ reason: 'ip_not_allowed', ip, prefix });
  expect(body.error.message).toContain(ip);
  expect(res.headers.get('x-ratelimit-limit')).toBeNull();
}

describe('IP allow-list', () => {
  it('IPv4: allows addresses inside a range, refuses the rest with 403 ip_not_allowed', async () => {
    const { key, apiKey } = await newKey(owner, { ipAllowlist: ['203.0.113.0/24', '192.0.2.7'] });
    expect((await from(key, '203.0.113.200')).status).toBe(200);
    expect((await from(key, '192.0.2.7')).status).toBe(200);
    await expectRefused(await from(key, '192.0.2.8'), '192.0.2.8', apiKey.prefix);
    await expectRefused(await from(key, '203.0.114.1'), '203.0.114.1', apiKey.prefix);
    // Any v1 operation, not only /authenticate.
    const people = await t.app.request('/api/v1/people/query', {
      method: 'POST',
      headers: {
        'x-klipy-api-key': key,
        'x-test-client-ip': '198.51.100.1',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    await expectRefused(people, '198.51.100.1', apiKey.prefix);
  });

  it('IPv6: ranges and single addresses', async () => {
    const { key, apiKey } = await newKey(owner, { ipAllowlist: ['2001:db8:aa::/48', '2001:db8:ff::1'] });
    expect((await from(key, '2001:db8:aa:1::42')).status).toBe(200);
    expect((await from(key, '2001:DB8:FF:0::1')).status).toBe(200);
    await expectRefused(await from(key, '2001:db8:ab::1'), '2001:db8:ab::1', apiKey.prefix);
    await expectRefused(await from(key, '2001:db8:ff::2'), '2001:db8:ff::2', apiKey.prefix);
    // An IPv6-only list refuses every IPv4 client.
    await expectRefused(await from(key, '203.0.113.1'), '203.0.113.1', apiKey.prefix);
  });

  it('IPv4-mapped IPv6 clients match IPv4 ranges, and are reported as IPv4', async () => {
    const { key, apiKey } = await newKey(owner, { ipAllowlist: ['203.0.113.0/24'] });
    expect((await from(key, '::ffff:203.0.113.9')).status).toBe(200);
    expect((await from(key, '::ffff:cb00:7109')).status).toBe(200);
    await expectRefused(await from(key, '::ffff:198.51.100.1'), '198.51.100.1', apiKey.prefix);
  });

  it('an IPv4-mapped range in the list matches IPv4 clients', async () => {
    const { key } = await newKey(owner, { ipAllowlist: ['::ffff:203.0.113.0/120'] });
    expect((await from(key, '203.0.113.9')).status).toBe(200);
    expect((await from(key, '203.0.112.9')).status).toBe(403);
  });

  it('an empty list allows any address', async () => {
    const { key } = await newKey(owner, {});
    expect((await from(key, '198.51.100.77')).status).toBe(200);
    expect((await from(key, '2001:db8::77')).status).toBe(200);
  });

  it('without KLIPY_TRUST_PROXY, X-Forwarded-For is ignored (a client cannot pick an allowed address)', async () => {
    const { key, apiKey } = await newKey(owner, { ipAllowlist: ['203.0.113.0/24'] });
    const res = await call(t, key, { 'x-forwarded-for': '203.0.113.9', 'x-test-client-ip': '198.51.100.5' });
    await expectRefused(res, '198.51.100.5', apiKey.prefix);
  });

  it("with KLIPY_TRUST_PROXY, the proxy's rightmost X-Forwarded-For entry is the client", async () => {
    const admin = new ConsoleClient(proxied.app);
    await admin.signup();
    const { key, apiKey } = await newKey(admin, { ipAllowlist: ['203.0.113.0/24', '2001:db8::/32'] });
    const via = (xff: string) =>
      call(proxied, key, { 'x-forwarded-for': xff, 'x-test-client-ip': '10.0.0.1' });
    expect((await via('198.51.100.1, 203.0.113.9')).status).toBe(200);
    expect((await via('2001:db8::5')).status).toBe(200);
    expect((await via('::ffff:203.0.113.10')).status).toBe(200);
    // A forged leftmost entry does not help.
    await expectRefused(await via('203.0.113.9, 198.51.100.1'), '198.51.100.1', apiKey.prefix);
  });

  it('an edit applies on the next request (the cached key row is dropped)', async () => {
    const { key, apiKey } = await newKey(owner, {});
    expect((await from(key, '198.51.100.10')).status).toBe(200);
    await owner.patch(`/keys/${apiKey.id}`, { ipAllowlist: ['203.0.113.0/24'] });
    await expectRefused(await from(key, '198.51.100.10'), '198.51.100.10', apiKey.prefix);
    expect((await from(key, '203.0.113.1')).status).toBe(200);
    await owner.patch(`/keys/${apiKey.id}`, { ipAllowlist: [] });
    expect((await from(key, '198.51.100.10')).status).toBe(200);
  });

  it('a refused request records no last use and spends none of the key limit', async () => {
    const { key, apiKey } = await newKey(owner, { ipAllowlist: ['203.0.113.0/24'], rateLimitPerMinute: 2 });
    for (let i = 0; i < 4; i++) expect((await from(key, '198.51.100.20')).status).toBe(403);
    await t.deps.lastUsed.flush();
    const listed = (await owner.get('/keys')).body.data.find((k: any) => k.id === apiKey.id);
    expect(listed.lastUsedAt).toBeNull();
    const ok = await from(key, '203.0.113.2');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('1');
  });

  it('refusals are audited against the key, at most one row per key per address per minute', async () => {
    const { key, apiKey } = await newKey(owner, { ipAllowlist: ['203.0.113.0/24'] });
    const rows = async () =>
      (await owner.get(`/audit-log?keyId=${apiKey.id}&action=api_key.ip_refused`)).body.data as any[];
    for (let i = 0; i < 5; i++) await from(key, '198.51.100.30');
    let audit = await rows();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'api_key.ip_refused',
      actor: { type: 'api_key', id: apiKey.id, label: apiKey.prefix },
      target: { type: 'api_key', id: apiKey.id, label: apiKey.prefix },
      metadata: { ip: '198.51.100.30', prefix: apiKey.prefix },
      ip: '198.51.100.30',
    });
    // Another address: its own row. The same IPv6 /64 counts as one address.
    await from(key, '198.51.100.31');
    await from(key, '2001:db8:1:2::1');
    await from(key, '2001:db8:1:2::2');
    audit = await rows();
    expect(audit.map((r) => r.metadata.ip).sort()).toEqual([
      '198.51.100.30',
      '198.51.100.31',
      '2001:db8:1:2::1',
    ]);
    // A minute later the same address is audited again.
    clock.advance(60_000);
    await from(key, '198.51.100.30');
    expect(await rows()).toHaveLength(4);
  });

  it('caps the rows per key per minute across many addresses', async () => {
    const { key, apiKey } = await newKey(owner, { ipAllowlist: ['203.0.113.0/24'] });
    for (let i = 1; i <= 25; i++) expect((await from(key, `198.51.100.${100 + i}`)).status).toBe(403);
    const audit = (await owner.get(`/audit-log?keyId=${apiKey.id}&action=api_key.ip_refused`)).body.data;
    expect(audit).toHaveLength(10);
  });
});

describe('per-key rate limit', () => {
  it('admits exactly N per minute: headers show N, request N+1 is 429 by the key policy', async () => {
    const { key } = await newKey(owner, { rateLimitPerMinute: 5 });
    for (let i = 1; i <= 5; i++) {
      const res = await from(key, '198.51.100.40');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('5');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(5 - i));
      expect(res.headers.get('ratelimit-policy')).toContain('"key";q=5;w=60');
    }
    const over = await from(key, '198.51.100.40');
    expect(over.status).toBe(429);
    const body = (await over.json()) as any;
    expect(body.error.details).toMatchObject({ policy: 'key', limit: 5, window_seconds: 60 });
    expect(over.headers.get('x-ratelimit-limit')).toBe('5');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('an edit applies on the next request, and null goes back to the plan limit', async () => {
    const { key, apiKey } = await newKey(owner, { rateLimitPerMinute: 2 });
    expect((await from(key, '198.51.100.41')).status).toBe(200);
    expect((await from(key, '198.51.100.41')).status).toBe(200);
    expect((await from(key, '198.51.100.41')).status).toBe(429);
    await owner.patch(`/keys/${apiKey.id}`, { rateLimitPerMinute: 3 });
    const raised = await from(key, '198.51.100.41');
    expect(raised.status).toBe(200);
    expect(raised.headers.get('x-ratelimit-limit')).toBe('3');
    expect((await from(key, '198.51.100.41')).status).toBe(429);
    await owner.patch(`/keys/${apiKey.id}`, { rateLimitPerMinute: null });
    const plan = await from(key, '198.51.100.41');
    expect(plan.status).toBe(200);
    // The plan's 200 per key; the organization's 1000 is further from exhaustion.
    expect(plan.headers.get('ratelimit-policy')).toContain('"key";q=200;w=60');
  });

  it('the usage page shows the key limit in force', async () => {
    const { apiKey } = await newKey(owner, { rateLimitPerMinute: 7 });
    const usage = await owner.get(`/usage?keyId=${apiKey.id}`);
    expect(usage.status).toBe(200);
    expect(usage.body.data.limits.key).toEqual({ limit: 7, windowSeconds: 60 });
  });
});
