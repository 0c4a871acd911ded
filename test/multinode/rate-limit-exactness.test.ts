import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl, skipWithout } from '../helpers/backend.js';
import { apiGet, ConsoleSession, hammer, type Node, startNodes, stopNodes, uniqueIp } from './helpers.js';

// Two real server processes, 50 concurrent clients each, against one shared limiter:
// the Redis Lua script, then (a second pair without REDIS_URL) the PostgreSQL function.
const PER_KEY = 40;
const PER_ORG = 60;
const limits = { KLIPY_RATE_LIMIT_PER_KEY: String(PER_KEY), KLIPY_RATE_LIMIT_PER_ORG: String(PER_ORG) };

const noPostgres = skipWithout('postgres');
const backends = [
  { name: 'Redis limiter', env: { REDIS_URL: redisUrl }, skip: noPostgres || skipWithout('redis') },
  { name: 'PostgreSQL limiter', env: {}, skip: noPostgres },
];

const nowSec = () => Date.now() / 1000;

describe.each(backends)('two nodes sharing the $name', ({ env, skip }) => {
  let nodes: Node[] = [];
  let admin: ConsoleSession;
  beforeAll(async () => {
    if (skip) return;
    nodes = await startNodes(2, { ...env, ...limits });
    admin = await ConsoleSession.signup(nodes[0] as Node);
  }, 60_000);
  afterAll(() => stopNodes(nodes));

  it.skipIf(skip)(
    'admits exactly the per-key limit across 2 × 50 clients, then keeps rejecting with a reset ~60 s after the first admission',
    async () => {
      const { key } = await admin.createKey(['read']);
      const ip = uniqueIp();
      const t0 = nowSec();
      const counts = await hammer(nodes, [key], { perNode: 100, concurrency: 50, ip });
      expect(Object.fromEntries(counts)).toEqual({ 200: PER_KEY, 429: 200 - PER_KEY });

      // A fixed window would open at the next minute boundary; the sliding log stays shut
      // until the first admission is 60 s old, whichever node is asked.
      for (let i = 0; i < 6; i++) {
        const res = await apiGet(nodes[i % 2] as Node, '/api/v1/authenticate', key, ip);
        const received = nowSec();
        expect(res.status).toBe(429);
        const body = (await res.json()) as any;
        expect(body.error).toMatchObject({
          code: 'rate_limited',
          details: { policy: 'key', limit: PER_KEY },
        });
        const reset = Number(res.headers.get('x-ratelimit-reset'));
        const retryAfter = Number(res.headers.get('retry-after'));
        expect(Math.abs(reset - (t0 + 60))).toBeLessThanOrEqual(3);
        expect(retryAfter).toBeGreaterThanOrEqual(55);
        expect(retryAfter).toBeLessThanOrEqual(60);
        // Retrying after Retry-After never lands before the slot frees.
        expect(received + retryAfter).toBeGreaterThanOrEqual(reset - 1);
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    45_000,
  );

  it.skipIf(skip)(
    'admits exactly the organization limit across three keys on both nodes',
    async () => {
      const org = await ConsoleSession.signup(nodes[1] as Node);
      const keys = await Promise.all([1, 2, 3].map(() => org.createKey(['read'])));
      const counts = await hammer(
        nodes,
        keys.map((k) => k.key),
        { perNode: 100, concurrency: 50, ip: uniqueIp() },
      );
      expect(Object.fromEntries(counts)).toEqual({ 200: PER_ORG, 429: 200 - PER_ORG });
      const res = await apiGet(nodes[0] as Node, '/api/v1/authenticate', (keys[0] as { key: string }).key);
      expect(((await res.json()) as any).error.details.policy).toBe('org');
    },
    45_000,
  );

  it.skipIf(skip)(
    'sends conformant headers on success and on 429',
    async () => {
      // A fresh organization, so the org policy has all its room left.
      const { key } = await (await ConsoleSession.signup(nodes[1] as Node)).createKey(['read']);
      const ip = uniqueIp();
      const [a, b] = nodes as [Node, Node];
      for (let i = 0; i < PER_KEY; i++) {
        const res = await apiGet(i % 2 ? b : a, '/api/v1/authenticate', key, ip);
        const received = nowSec();
        expect(res.status).toBe(200);
        // The key policy is nearest exhaustion while the org still has room.
        expect(res.headers.get('x-ratelimit-limit')).toBe(String(PER_KEY));
        expect(res.headers.get('x-ratelimit-remaining')).toBe(String(PER_KEY - 1 - i));
        const reset = Number(res.headers.get('x-ratelimit-reset'));
        expect(reset).toBeGreaterThanOrEqual(Math.floor(received) + 1);
        expect(reset).toBeLessThanOrEqual(Math.ceil(received) + 61);
        expect(res.headers.get('ratelimit-policy')).toBe(`"key";q=${PER_KEY};w=60, "org";q=${PER_ORG};w=60`);
        expect(res.headers.get('ratelimit')).toMatch(/^"key";r=\d+;t=\d+, "org";r=\d+;t=\d+$/);
        expect(res.headers.get('retry-after')).toBeNull();
        await res.arrayBuffer();
      }
      const limited = await apiGet(b, '/api/v1/authenticate', key, ip);
      const received = nowSec();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await limited.json()) as any;
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.details).toMatchObject({ policy: 'key', limit: PER_KEY, window_seconds: 60 });
      expect(limited.headers.get('x-ratelimit-limit')).toBe(String(PER_KEY));
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(limited.headers.get('ratelimit')).toMatch(/^"key";r=0;t=\d+, "org";r=\d+;t=\d+$/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      const reset = Number(limited.headers.get('x-ratelimit-reset'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBe(body.error.details.retry_after);
      expect(received + retryAfter).toBeGreaterThanOrEqual(reset - 1);
    },
    45_000,
  );
});
