import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, readJson, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { KLIPY_RATE_LIMIT_PER_KEY: '5', KLIPY_RATE_LIMIT_PER_ORG: '8' } });
});
afterAll(() => t.close());

const call = (key: string, ip = '10.0.0.1') =>
  t.app.request('/api/v1/authenticate', { headers: { 'x-klipy-api-key': key, 'x-test-client-ip': ip } });

describe('API rate limits over HTTP', () => {
  it('admits exactly the per-key limit, with headers on every response, then 429 with Retry-After and the policy', async () => {
    const org = await createTestOrg(t.deps);
    const { key } = await createTestKey(t.deps, { orgId: org.id, scopes: ['read'] });
    const started = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 5; i++) {
      const res = await call(key);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('5');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(started + 59);
      expect(reset).toBeLessThanOrEqual(started + 61);
      expect(res.headers.get('ratelimit-policy')).toBe('"key";q=5;w=60, "org";q=8;w=60');
      expect(res.headers.get('ratelimit')).toMatch(/^"key";r=\d+;t=\d+, "org";r=\d+;t=\d+$/);
    }
    const limited = await call(key);
    expect(limited.status).toBe(429);
    const body = await readJson(limited);
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.details.policy).toBe('key');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('applies the organization policy across keys', async () => {
    const org = await createTestOrg(t.deps);
    const keys = await Promise.all(
      [1, 2].map(() => createTestKey(t.deps, { orgId: org.id, scopes: ['read'] })),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await call(keys[i % 2]!.key)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    const last = await call(keys[0]!.key);
    expect((await readJson(last)).error.details.policy).toMatch(/key|org/);
  });

  it('limits failed authentications per client IP without touching other IPs', async () => {
    const ip = '10.9.9.9';
    const bogus = 'klipy_api_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) last = await call(bogus, ip);
    expect(last?.status).toBe(429);
    expect((await readJson(last!)).error.details.policy).toBe('ip');
    expect((await call(bogus, '10.9.9.10')).status).toBe(401);
  });

  it('exports request, rejection and limiter metrics, and records usage by route template', async () => {
    const metrics = await (await t.app.request('/metrics')).text();
    expect(metrics).toMatch(/klipy_rate_limit_rejections_total\{policy="key"\} [1-9]/);
    expect(metrics).toMatch(/route="\/api\/v1\/authenticate"/);
    expect(metrics).toMatch(/klipy_auth_failures_total\{reason="malformed"\} [1-9]/);
    expect(metrics).toMatch(/klipy_auth_failures_total\{reason="ip_limited"\} [1-9]/);
    expect(metrics).toMatch(/klipy_key_cache_lookups_total\{result="hit"\} [1-9]/);
    expect(metrics).toMatch(/klipy_key_cache_lookups_total\{result="miss"\} [1-9]/);
    expect(metrics).toMatch(/klipy_rate_limiter_backend\{backend="(memory|postgres|redis)"\} 1/);
    expect(metrics).not.toContain('klipy_api_');
    await t.deps.usage.flush();
    const { rows } = await t.deps.database.sql.query<{ route: string; n: number }>(
      'select route, sum(count)::int as n from usage_counters group by route',
    );
    expect(rows.find((r) => r.route === 'GET /api/v1/authenticate')?.n).toBeGreaterThan(0);
  });
});
