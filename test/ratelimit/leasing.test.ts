import { afterAll, describe, expect, it } from 'vitest';
import { LeasingLimiter, type LeasingOptions } from '../../src/ratelimit/leasing.js';
import { RedisLimiter } from '../../src/ratelimit/redis.js';
import { connectRedis, createRedisClient } from '../../src/ratelimit/redis-client.js';
import type { Policy } from '../../src/ratelimit/types.js';
import { burst, limiterContract } from './contract.js';
import { missing, redisUrl, sleep, uniquePrefix } from './services.js';

const policies = (keyLimit: number, orgLimit: number, windowMs = 60_000): Policy[] => [
  { name: 'key', id: 'k', limit: keyLimit, windowMs },
  { name: 'org', id: 'o', limit: orgLimit, windowMs },
];

describe.skipIf(missing('REDIS_URL', redisUrl, 'LeasingLimiter'))(
  'LeasingLimiter (leased budgets on Redis)',
  () => {
    const a = createRedisClient(redisUrl!);
    const b = createRedisClient(redisUrl!);
    const made: LeasingLimiter[] = [];
    afterAll(async () => {
      await Promise.all(made.map((l) => l.close()));
      a.disconnect();
      b.disconnect();
    });
    /** Two nodes' limiters on one prefix (two Redis connections). */
    const pair = async (tag: string, opts: LeasingOptions = {}) => {
      await Promise.all([connectRedis(a), connectRedis(b)]);
      const prefix = uniquePrefix(tag);
      const la = new LeasingLimiter(new RedisLimiter(a, { keyPrefix: prefix }), opts);
      const lb = new LeasingLimiter(new RedisLimiter(b, { keyPrefix: prefix }), opts);
      made.push(la, lb);
      return { la, lb, prefix };
    };

    limiterContract(async (tag) => {
      await connectRedis(a);
      const l = new LeasingLimiter(new RedisLimiter(a, { keyPrefix: uniquePrefix(tag) }));
      made.push(l);
      return l;
    });

    it('admits exactly L of a burst from two nodes, near a small limit and through leases at a large one', async () => {
      const small = await pair('burst-small');
      expect(await burst([small.la, small.lb], policies(37, 1000), 100)).toBe(37);
      expect(await a.zcard(`${small.prefix}org:o`)).toBe(37);

      const large = await pair('burst-large');
      expect(await burst([large.la, large.lb], policies(500, 100_000), 2_000)).toBe(500);
      // Every leased hit was spent (each node had more demand than room), none is left over.
      expect(await a.zcard(`${large.prefix}key:k`)).toBe(500);
      // Leases, not one call per admission.
      expect(large.la.calls + large.lb.calls).toBeLessThan(250);
    });

    it('steady traffic makes a few Redis calls, and what a node leased but did not spend goes back', async () => {
      const { la, prefix } = await pair('steady', { horizonMs: 200 });
      let admitted = 0;
      const worker = async () => {
        for (let i = 0; i < 100; i++)
          if ((await la.check(policies(1_000_000, 1_000_000))).allowed) admitted++;
      };
      await Promise.all(Array.from({ length: 20 }, worker));
      expect(admitted).toBe(2_000);
      expect(la.calls).toBeLessThan(100);
      // Redis holds the spent hits and perhaps an unspent rest until the sweep gives it back.
      await sleep(500);
      expect(await a.zcard(`${prefix}key:k`)).toBe(2_000);
      expect(await a.zcard(`${prefix}org:o`)).toBe(2_000);
    });

    it('headers stay truthful from a lease: remaining counts down, the reset is inside the window', async () => {
      const { la } = await pair('headers');
      const limits = policies(10_000, 20_000);
      const first = await la.check(limits);
      const results = await Promise.all(Array.from({ length: 50 }, () => la.check(limits)));
      const remaining = results.map((r) => r.states[0]!.remaining);
      // 51 admissions, each seeing its own count: every value from 9949 to 9998 once.
      expect(first.states[0]!.remaining).toBe(9_999);
      expect([...remaining].sort((x, y) => y - x)).toEqual(Array.from({ length: 50 }, (_, i) => 9_998 - i));
      for (const r of results) {
        expect(r.allowed).toBe(true);
        expect(r.states[1]!.remaining).toBeLessThan(20_000);
        expect(r.states[0]!.resetAt - r.now).toBeGreaterThan(0);
        expect(r.states[0]!.resetAt - r.now).toBeLessThanOrEqual(60_000 + 500);
      }
    });

    it('a peek reports the headroom this node still holds in its lease as available', async () => {
      const { la } = await pair('peek');
      const limits = policies(10_000, 20_000);
      await la.check(limits);
      await Promise.all(Array.from({ length: 50 }, () => la.check(limits)));
      // Redis counts the whole lease; the node has spent 51 of it and may spend the rest.
      const peek = await la.check(limits, 0);
      expect(peek.allowed).toBe(true);
      expect(peek.states.map((s) => s.remaining)).toEqual([10_000 - 51, 20_000 - 51]);
    });

    it('no sliding window of any length W ever admits more than L across two nodes, with leases in play', async () => {
      // A small window and a low minRoom so leases are taken and spent across many windows.
      const opts = { horizonMs: 100, minRoom: 8 };
      const { la, lb } = await pair('window', opts);
      const windowMs = 400;
      const limit = 60;
      const limits = policies(limit, 1_000_000, windowMs);
      // Each admission happened somewhere between its check's start and its answer.
      const admitted: { start: number; end: number }[] = [];
      const until = performance.now() + 2_000;
      const worker = async (l: LeasingLimiter) => {
        while (performance.now() < until) {
          const start = performance.now();
          if ((await l.check(limits)).allowed) admitted.push({ start, end: performance.now() });
          await sleep(Math.random() * 4);
        }
      };
      await Promise.all(Array.from({ length: 16 }, (_, i) => worker(i % 2 ? la : lb)));
      // For each window starting at a check's start: the admissions surely inside it (started
      // at x or later, answered before its end) never number more than L. The window is 2 ms
      // short of W: Redis's clock is read in whole milliseconds, so a hit may leave up to
      // 1 ms early (the same with or without leases).
      let worst = 0;
      for (const { start: x } of admitted) {
        const inside = admitted.filter((t) => t.start >= x && t.end < x + windowMs - 2).length;
        worst = Math.max(worst, inside);
      }
      expect(worst).toBeLessThanOrEqual(limit);
      // And the limit is used, not starved by held leases: over 2 s (5 windows), well over 3 L.
      expect(admitted.length).toBeGreaterThan(3 * limit);
      console.info(
        `[measure] leasing: ${admitted.length} admitted in 2 s with ${la.calls + lb.calls} Redis calls, worst window ${worst}`,
      );
      expect(la.calls + lb.calls).toBeGreaterThan(0);
    });

    it('peeks and larger costs are decided by Redis directly', async () => {
      const { la } = await pair('cost');
      expect((await la.check(policies(3, 100), 2)).states[0]!.remaining).toBe(1);
      expect((await la.check(policies(3, 100), 0)).allowed).toBe(true);
      expect((await la.check(policies(3, 100), 2)).allowed).toBe(false);
      expect(la.calls).toBe(0);
    });

    it('a Redis that refuses makes the check reject (ResilientLimiter then falls back)', async () => {
      const dead = createRedisClient('redis://127.0.0.1:1', () => {}, { connectTimeout: 200 });
      const l = new LeasingLimiter(new RedisLimiter(dead, { keyPrefix: uniquePrefix('dead') }));
      await expect(l.check(policies(100, 100))).rejects.toThrow();
      // Waiters on the same failed call are not left hanging either.
      const all = await Promise.allSettled(Array.from({ length: 5 }, () => l.check(policies(100, 100))));
      expect(all.every((r) => r.status === 'rejected')).toBe(true);
      await l.close();
      dead.disconnect();
    });
  },
);
