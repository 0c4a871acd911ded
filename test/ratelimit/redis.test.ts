import { afterAll, describe, expect, it } from 'vitest';
import { RedisLimiter } from '../../src/ratelimit/redis.js';
import { connectRedis, createRedisClient } from '../../src/ratelimit/redis-client.js';
import { burst, limiterContract } from './contract.js';
import { missing, redisUrl, uniquePrefix } from './services.js';

describe.skipIf(missing('REDIS_URL', redisUrl, 'RedisLimiter'))('RedisLimiter', () => {
  const a = createRedisClient(redisUrl!);
  const b = createRedisClient(redisUrl!);
  afterAll(() => {
    a.disconnect();
    b.disconnect();
  });

  limiterContract(async (tag) => {
    await connectRedis(a);
    return new RedisLimiter(a, { keyPrefix: uniquePrefix(tag) });
  });

  it('admits exactly L of 100 concurrent checks from two clients, both policies', async () => {
    await Promise.all([connectRedis(a), connectRedis(b)]);
    const prefix = uniquePrefix('burst');
    const la = new RedisLimiter(a, { keyPrefix: prefix });
    const lb = new RedisLimiter(b, { keyPrefix: prefix });
    const policies = [
      { name: 'key' as const, id: 'k', limit: 37, windowMs: 60_000 },
      { name: 'org' as const, id: 'o', limit: 1000, windowMs: 60_000 },
    ];
    const started = performance.now();
    expect(await burst([la, lb], policies, 100)).toBe(37);
    console.info(`[measure] redis: 100 concurrent checks in ${(performance.now() - started).toFixed(0)} ms`);
    expect(await a.zcard(`${prefix}org:o`)).toBe(37);
    const ttl = await a.pttl(`${prefix}key:k`);
    expect(ttl).toBeGreaterThan(59_000);
  });

  it('reloads the script after SCRIPT FLUSH (EVALSHA falls back to EVAL)', async () => {
    await connectRedis(a);
    const l = new RedisLimiter(a, { keyPrefix: uniquePrefix('flush') });
    await l.check([{ name: 'key', id: 'k', limit: 2, windowMs: 1000 }]);
    await a.script('FLUSH');
    expect((await l.check([{ name: 'key', id: 'k', limit: 2, windowMs: 1000 }])).states[0]!.remaining).toBe(
      0,
    );
  });
});
