import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl, skipWithout } from '../helpers/backend.js';
import { apiGet, ConsoleSession, hammer, type Node, startNodes, stopNodes, uniqueIp } from './helpers.js';

// Issue 14 on two real server processes sharing PostgreSQL and Redis: an IP allow-list
// edited through node A holds for the very next request on node B (which has the key
// cached), and a key's own rate limit is exact across both nodes.
const skip = skipWithout('postgres') || skipWithout('redis');

describe('key governance across two nodes (Redis)', () => {
  let nodes: Node[] = [];
  let a: Node;
  let b: Node;
  let admin: ConsoleSession;
  beforeAll(async () => {
    if (skip) return;
    nodes = await startNodes(2, { REDIS_URL: redisUrl });
    [a, b] = nodes as [Node, Node];
    admin = await ConsoleSession.signup(a);
  }, 60_000);
  afterAll(() => stopNodes(nodes));

  it.skipIf(skip)(
    'an allow-list set, widened and cleared on A is enforced on B at the next request',
    async () => {
      const { key, id } = await admin.createKey(['read']);
      const ip = uniqueIp();
      for (let trial = 0; trial < 5; trial++) {
        const warm = await apiGet(b, '/api/v1/authenticate', key, ip);
        expect(warm.status).toBe(200);
        await warm.arrayBuffer();
        const set = await admin.request('PATCH', `/keys/${id}`, { ipAllowlist: ['203.0.113.0/24'] });
        expect(set.status).toBe(200);
        const refused = await apiGet(b, '/api/v1/authenticate', key, ip);
        expect(refused.status).toBe(403);
        expect(((await refused.json()) as any).error.details).toMatchObject({ reason: 'ip_not_allowed', ip });
        const widened = await admin.request('PATCH', `/keys/${id}`, {
          ipAllowlist: ['203.0.113.0/24', `${ip}/32`],
        });
        expect(widened.status).toBe(200);
        const allowed = await apiGet(b, '/api/v1/authenticate', key, ip);
        expect(allowed.status).toBe(200);
        await allowed.arrayBuffer();
        expect((await admin.request('PATCH', `/keys/${id}`, { ipAllowlist: [] })).status).toBe(200);
      }
      // B audited the refusals against the key (throttled: one per address per minute per node).
      const audit = await admin.request('GET', `/audit-log?keyId=${id}&action=api_key.ip_refused`);
      expect(audit.body.data).toHaveLength(1);
      expect(audit.body.data[0].metadata.ip).toBe(ip);
    },
    60_000,
  );

  it.skipIf(skip)(
    "a key's own limit is exact across 2 × 20 clients; lowering it on A applies on B",
    async () => {
      const { key, id } = await admin.createKey(['read']);
      expect((await admin.request('PATCH', `/keys/${id}`, { rateLimitPerMinute: 17 })).status).toBe(200);
      const ip = uniqueIp();
      const counts = await hammer(nodes, [key], { perNode: 40, concurrency: 20, ip });
      expect(Object.fromEntries(counts)).toEqual({ 200: 17, 429: 80 - 17 });
      const over = await apiGet(b, '/api/v1/authenticate', key, ip);
      expect(over.status).toBe(429);
      expect(over.headers.get('x-ratelimit-limit')).toBe('17');
      expect(((await over.json()) as any).error.details).toMatchObject({ policy: 'key', limit: 17 });

      const second = await admin.createKey(['read']);
      const ip2 = uniqueIp();
      const first = await apiGet(b, '/api/v1/authenticate', second.key, ip2);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-limit')).not.toBe('2');
      await first.arrayBuffer();
      expect((await admin.request('PATCH', `/keys/${second.id}`, { rateLimitPerMinute: 2 })).status).toBe(
        200,
      );
      const next = await apiGet(b, '/api/v1/authenticate', second.key, ip2);
      expect(next.status).toBe(200);
      expect(next.headers.get('x-ratelimit-limit')).toBe('2');
      expect(next.headers.get('x-ratelimit-remaining')).toBe('0');
      await next.arrayBuffer();
      expect((await apiGet(a, '/api/v1/authenticate', second.key, ip2)).status).toBe(429);
    },
    60_000,
  );
});
