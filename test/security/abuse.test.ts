/**
 * Abuse resistance without self-inflicted denial of service (issue 9, items 3, 5, 6, 7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumOf, KEY_PREFIX, randomBase62 } from '../../src/modules/api-keys/token.js';
import { loadKeyRow, verifyApiKey } from '../../src/modules/api-keys/verify-api-key.js';
import { LoginGuard } from '../../src/ratelimit/login-guard.js';
import { MemoryLimiter } from '../../src/ratelimit/memory.js';
import { createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { ConsoleClient, createTestApp, readJson, TEST_PASSWORD, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { KLIPY_SIGNUP_PER_IP_PER_HOUR: '3' } });
});
afterAll(() => t.close());

const rnd = () => 1 + Math.floor(Math.random() * 250);
const call = (key: string, ip: string) =>
  t.app.request('/api/v1/authenticate', { headers: { 'x-klipy-api-key': key, 'x-test-client-ip': ip } });
/** A well-formed key (valid checksum) with a random public id no row has. */
const bogus = () => {
  const body = `${KEY_PREFIX}${randomBase62(12)}${randomBase62(32)}`;
  return body + checksumOf(body);
};

describe('failed-key throttle', () => {
  it('never blocks a valid key from an address that sent 30+ bad keys (item 6)', async () => {
    const ip = `10.77.${rnd()}.${rnd()}`;
    const org = await createTestOrg(t.deps);
    const { key } = await createTestKey(t.deps, { orgId: org.id, scopes: ['read'] });
    for (let i = 0; i < 30; i++) expect((await call(bogus(), ip)).status).toBe(401);
    const limited = await call(bogus(), ip);
    expect(limited.status).toBe(429);
    expect((await readJson(limited)).error.details.policy).toBe('ip');
    expect((await call(key, ip)).status).toBe(200);
  });

  it('counts the spellings of one IPv4 address as one client (item 5)', async () => {
    const [a, b] = [rnd(), rnd()];
    const v4 = `198.51.${a}.${b}`;
    const hex = `${((a << 8) | b).toString(16)}`;
    const spellings = [
      v4,
      `::ffff:${v4}`,
      `::FFFF:${v4}`,
      `::ffff:c633:${hex}`,
      `0:0:0:0:0:ffff:c633:${hex}`,
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await call(bogus(), spellings[i % spellings.length]!)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('counts an IPv6 /64 as one client, and another /64 separately (item 5)', async () => {
    const net = `2001:db8:${rnd().toString(16)}:${rnd().toString(16)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await call(bogus(), `${net}:${i.toString(16)}::${rnd()}`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await call(bogus(), `2001:db8:ffff:${rnd().toString(16)}::1`)).status).toBe(401);
  });
});

describe('unknown public ids (item 7)', () => {
  it('answers a repeated unknown id without a database query, and a new key is found at once', async () => {
    let loads = 0;
    const counting: typeof loadKeyRow = (deps, publicId) => {
      loads++;
      return loadKeyRow(deps, publicId);
    };
    const probe = bogus();
    for (let i = 0; i < 5; i++) {
      expect(await verifyApiKey(t.deps, probe, counting)).toEqual({ ok: false, reason: 'unknown' });
    }
    expect(loads).toBe(1);
    // A key created after its id was probed is not hidden by the negative entry.
    const org = await createTestOrg(t.deps);
    const { key } = await createTestKey(t.deps, { orgId: org.id, scopes: ['read'] });
    const publicId = key.slice('klipy_api_'.length, 'klipy_api_'.length + 12);
    t.deps.keyCache.invalidate({ kind: 'key', publicId });
    for (let i = 0; i < 2; i++) await verifyApiKey(t.deps, bogus(), counting);
    expect((await verifyApiKey(t.deps, key, counting)).ok).toBe(true);
  });

  it('forgets a negative entry when a key with that public id is created (bus message)', async () => {
    const org = await createTestOrg(t.deps);
    const { key } = await createTestKey(t.deps, { orgId: org.id, scopes: ['read'] });
    const publicId = key.slice('klipy_api_'.length, 'klipy_api_'.length + 12);
    t.deps.keyCache.invalidate({ kind: 'key', publicId });
    const gen = t.deps.keyCache.generation();
    expect(t.deps.keyCache.setUnknown(publicId, gen)).toBe(true);
    expect((await verifyApiKey(t.deps, key)).ok).toBe(false);
    await t.deps.bus.publish({ kind: 'key', publicId });
    expect((await verifyApiKey(t.deps, key)).ok).toBe(true);
  });
});

describe('console login throttle (item 6)', () => {
  it('an attacker spending the failure budget from their address does not lock the owner out', async () => {
    const owner = new ConsoleClient(t.app);
    const { email } = await owner.signup();
    const attacker = new ConsoleClient(t.app);
    for (let i = 0; i < 10; i++) {
      expect((await attacker.post('/login', { email, password: 'wrong password!' })).status).toBe(401);
    }
    const blocked = await attacker.post('/login', { email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    const real = new ConsoleClient(t.app);
    expect((await real.post('/login', { email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('caps an account at 100 failures per 15 minutes across addresses (unit, memory limiter)', async () => {
    const guard = new LoginGuard(new MemoryLimiter({ sweepIntervalMs: 0 }));
    const email = 'owner@example.com';
    for (let ip = 1; ip <= 10; ip++) {
      for (let i = 0; i < 10; i++) await guard.recordFailure(email, `10.1.1.${ip}`);
      expect((await guard.precheck(email, `10.1.1.${ip}`)).allowed).toBe(false);
    }
    expect((await guard.precheck(email, '10.1.1.200')).allowed).toBe(false);
    expect((await guard.precheck('someone-else@example.com', '10.1.1.200')).allowed).toBe(true);
  });
});

describe('sign-up throttle (item 3)', () => {
  it('admits KLIPY_SIGNUP_PER_IP_PER_HOUR sign-ups per address, then 429 with Retry-After; other addresses are unaffected', async () => {
    const ip = `10.66.${rnd()}.${rnd()}`;
    for (let i = 0; i < 3; i++) await new ConsoleClient(t.app, ip).signup();
    const fourth = await new ConsoleClient(t.app, `::ffff:${ip}`).post('/signup', {
      email: `x${Math.random()}@example.com`,
      password: TEST_PASSWORD,
      name: 'X',
      organizationName: 'X',
    });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('rate_limited');
    expect(fourth.body.error.details.policy).toBe('signup');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    await new ConsoleClient(t.app).signup();
  });
});
